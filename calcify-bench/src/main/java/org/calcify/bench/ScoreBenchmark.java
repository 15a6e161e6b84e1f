package org.calcify.bench;

import java.util.concurrent.TimeUnit;
import org.calcify.phantom.CardiacPhantom;
import org.calcify.phantom.PhantomCase;
import org.calcify.phantom.PhantomCohort;
import org.calcify.phantom.PhantomOptions;
import org.calcify.score.CalciumScore;
import org.calcify.score.CalciumScorer;
import org.calcify.score.ScoringParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Calcium scoring of a 512x512x80 phantom scan in memory (one operation = one scan: Agatston,
 * volume, mass, per artery, lesions), and phantom generation of such a scan. The scan is case 0 of
 * {@code calcify phantom --seed SEED --size 512 --slices 80-80}, the same one bench/score-bench.sh
 * scores with NumPy/SciPy. Run by {@code bench/score-bench.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScoreBenchmark {
    static final PhantomOptions OPTIONS = PhantomOptions.builder().sizeXy(512).slices(80, 80).build();

    @Param("2")
    public long seed;

    private PhantomCase scan;
    private final CalciumScorer scorer = new CalciumScorer(ScoringParameters.DEFAULT);

    @Setup(Level.Trial)
    public void setUp() {
        scan = CardiacPhantom.generate(OPTIONS, PhantomCohort.caseSeed(seed, 0));
        CalciumScore s = scorer.score(scan.ct(), scan.labels());
        System.out.printf("%n# scan: Agatston %.1f, %d lesions, %d scored voxels%n",
                s.total().agatston(), s.lesions().size(), s.scoredVoxels().length);
    }

    @Benchmark
    public CalciumScore score() {
        return scorer.score(scan.ct(), scan.labels());
    }

    @Benchmark
    public PhantomCase phantom() {
        return CardiacPhantom.generate(OPTIONS, PhantomCohort.caseSeed(seed, 0));
    }
}
