package org.calcify.phantom;

import java.util.ArrayList;
import java.util.List;

/**
 * Segments bucketed by height: {@link #near(double)} lists those whose w extent (radius included) comes
 * within {@value #SLACK_MM} mm of a plane's height, so a plane visits only the few of thousands of
 * lung-tree or coronary pieces it can cut.
 */
final class SegmentIndex {
    private static final double BUCKET_MM = 4;
    private static final double SLACK_MM = 3;

    private final List<Segment> all;
    private final double w0;
    private final Segment[][] buckets;

    SegmentIndex(List<Segment> segments) {
        this.all = List.copyOf(segments);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Segment s : segments) {
            lo = Math.min(lo, s.minW() - SLACK_MM);
            hi = Math.max(hi, s.maxW() + SLACK_MM);
        }
        if (segments.isEmpty()) {
            lo = 0;
            hi = 0;
        }
        this.w0 = lo;
        int n = Math.max(1, (int) Math.ceil((hi - lo) / BUCKET_MM) + 1);
        List<List<Segment>> lists = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lists.add(new ArrayList<>());
        }
        for (Segment s : segments) {
            int a = bucket(s.minW() - SLACK_MM);
            int b = bucket(s.maxW() + SLACK_MM);
            for (int i = Math.max(0, a); i <= Math.min(n - 1, b); i++) {
                lists.get(i).add(s);
            }
        }
        buckets = new Segment[n][];
        for (int i = 0; i < n; i++) {
            buckets[i] = lists.get(i).toArray(new Segment[0]);
        }
    }

    private int bucket(double w) {
        return (int) Math.floor((w - w0) / BUCKET_MM);
    }

    /** Segments that may come within {@value #SLACK_MM} mm (plus their radius) of height w. */
    Segment[] near(double w) {
        int b = bucket(w);
        return b < 0 || b >= buckets.length ? new Segment[0] : buckets[b];
    }

    int size() {
        return all.size();
    }
}
