package org.calcify.phantom;

import java.nio.file.Path;

public final class PhantomScratch {
    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        int slices = Integer.parseInt(args[1]);
        PhantomOptions o = new PhantomOptions(size, slices, slices, false);
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            PhantomCase c = CardiacPhantom.generate(o, 42 + rep);
            System.out.printf("gen %.3f s plaques %d/%d%n", (System.nanoTime() - t0) / 1e9, c.coronaryPlaques(), c.nonCoronaryPlaques());
        }
        PhantomCohort.write(Path.of(args[2]), Integer.parseInt(args[3]), 7, o, System.out::println);
    }
}
