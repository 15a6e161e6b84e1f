package org.calcify.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** Executor JVMs are told how many processors their task cores are, their initial heap and which class archive to share, without overriding what the user said. */
class SparkOptionsTest {

    @Test
    void executorsSeeTheirTaskCoresAsTheirProcessors() {
        SparkConf sc = new SparkConf(false).set("spark.executor.cores", "3").set("spark.executor.extraJavaOptions", "-Dai.djl.offline=true");
        SparkOptions.limitExecutorJvm(sc);
        // and their heap at its full size from the start: Spark's default executor memory, 1g
        assertThat(sc.get("spark.executor.extraJavaOptions")).isEqualTo("-Dai.djl.offline=true -XX:ActiveProcessorCount=3 -Xms1024m");
    }

    @Test
    void theInitialHeapIsTheExecutorMemoryUnlessTheOptionsSizeIt() {
        SparkConf sized = new SparkConf(false).set("spark.executor.memory", "3g");
        SparkOptions.limitExecutorJvm(sized);
        assertThat(sized.get("spark.executor.extraJavaOptions")).isEqualTo("-Xms3072m");
        SparkConf mib = new SparkConf(false).set("spark.executor.memory", "1500"); // MiB, as Spark reads a bare number
        SparkOptions.limitExecutorJvm(mib);
        assertThat(mib.get("spark.executor.extraJavaOptions")).isEqualTo("-Xms1500m");
        SparkConf bad = new SparkConf(false).set("spark.executor.memory", "lots");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SparkOptions.limitExecutorJvm(bad))
                .isInstanceOf(org.calcify.app.failure.UsageException.class).hasMessageContaining("spark.executor.memory").hasMessageContaining("'lots'");
        for (String own : new String[] {"-Xms512m", "-XX:InitialHeapSize=536870912", "-XX:InitialRAMPercentage=10"}) {
            SparkConf c = new SparkConf(false).set("spark.executor.memory", "3g").set("spark.executor.extraJavaOptions", own);
            SparkOptions.limitExecutorJvm(c);
            assertThat(c.get("spark.executor.extraJavaOptions")).isEqualTo(own);
        }
    }

    @Test
    void anExplicitProcessorCountOrNoCoreCountIsLeftAlone() {
        SparkConf own = new SparkConf(false).set("spark.executor.cores", "2").set("spark.executor.extraJavaOptions", "-XX:ActiveProcessorCount=8");
        SparkOptions.limitExecutorJvm(own);
        assertThat(own.get("spark.executor.extraJavaOptions")).isEqualTo("-XX:ActiveProcessorCount=8 -Xms1024m");
        SparkConf unset = new SparkConf(false);
        SparkOptions.limitExecutorJvm(unset);
        assertThat(unset.get("spark.executor.extraJavaOptions")).isEqualTo("-Xms1024m");
    }

    @Test
    void executorsMapTheLaunchersArchiveOrWriteOneEachAtExit() {
        SparkConf map = new SparkConf(false).set("spark.executor.extraJavaOptions", "-Dai.djl.offline=true -Xlog:gc:file=gc.log");
        SparkOptions.shareExecutorClasses(map, "/opt/calcify/cds/executor-detect.jsa", "/opt/calcify/cds/.executor-detect");
        // the user's options last: the JVM's log quieted first, an -Xlog of the user's still holds
        assertThat(map.get("spark.executor.extraJavaOptions"))
                .startsWith("-Xshare:auto -XX:SharedArchiveFile=/opt/calcify/cds/executor-detect.jsa -Xlog:disable ")
                .endsWith(" -Dai.djl.offline=true -Xlog:gc:file=gc.log")
                .doesNotContain("ArchiveClassesAtExit");

        SparkConf write = new SparkConf(false);
        SparkOptions.shareExecutorClasses(write, null, "/opt/calcify/cds/.executor-detect");
        // one file per executor: Spark puts the application and executor IDs in place of the braces
        assertThat(write.get("spark.executor.extraJavaOptions"))
                .startsWith("-XX:ArchiveClassesAtExit=/opt/calcify/cds/.executor-detect.{{APP_ID}}-{{EXECUTOR_ID}}.jsa ")
                .contains("cds*=off");

        // Spark splits the options at spaces outside quotes
        SparkConf spaced = new SparkConf(false);
        SparkOptions.shareExecutorClasses(spaced, "/my data/executor-detect.jsa", null);
        assertThat(scala.jdk.javaapi.CollectionConverters.asJava(
                org.apache.spark.util.Utils.splitCommandString(spaced.get("spark.executor.extraJavaOptions"))))
                .contains("-XX:SharedArchiveFile=/my data/executor-detect.jsa");
    }

    @Test
    void executorsOwnClassSharingOrNoLauncherArchiveIsLeftAlone() {
        SparkConf own = new SparkConf(false).set("spark.executor.extraJavaOptions", "-Xshare:off");
        SparkOptions.shareExecutorClasses(own, "/opt/calcify/cds/executor-detect.jsa", null);
        assertThat(own.get("spark.executor.extraJavaOptions")).isEqualTo("-Xshare:off");
        SparkConf none = new SparkConf(false);
        SparkOptions.shareExecutorClasses(none, null, null);
        assertThat(none.contains("spark.executor.extraJavaOptions")).isFalse();
    }
}
