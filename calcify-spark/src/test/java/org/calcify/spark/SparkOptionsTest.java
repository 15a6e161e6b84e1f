package org.calcify.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** Executor JVMs are told how many processors their task cores are, without overriding what the user said. */
class SparkOptionsTest {

    @Test
    void executorsSeeTheirTaskCoresAsTheirProcessors() {
        SparkConf sc = new SparkConf(false).set("spark.executor.cores", "3").set("spark.executor.extraJavaOptions", "-Dai.djl.offline=true");
        SparkOptions.limitExecutorJvm(sc);
        assertThat(sc.get("spark.executor.extraJavaOptions")).isEqualTo("-Dai.djl.offline=true -XX:ActiveProcessorCount=3");
    }

    @Test
    void anExplicitProcessorCountOrNoCoreCountIsLeftAlone() {
        SparkConf own = new SparkConf(false).set("spark.executor.cores", "2").set("spark.executor.extraJavaOptions", "-XX:ActiveProcessorCount=8");
        SparkOptions.limitExecutorJvm(own);
        assertThat(own.get("spark.executor.extraJavaOptions")).isEqualTo("-XX:ActiveProcessorCount=8");
        SparkConf unset = new SparkConf(false);
        SparkOptions.limitExecutorJvm(unset);
        assertThat(unset.contains("spark.executor.extraJavaOptions")).isFalse();
    }
}
