package org.calcify.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.calcify.app.detect.ListedScan;
import org.calcify.app.detect.ScanItem;

/**
 * A scan as a Spark task receives it: its name and paths as text (a {@link Path} is not serializable), paths on
 * storage every executor reads.
 *
 * @param labels the label map's path, or null
 */
record ScanRef(String name, String path, String labels) implements Serializable {
    static ScanRef of(ListedScan s) {
        return new ScanRef(s.scan().name(), s.scan().path().toAbsolutePath().toString(),
                s.labels() == null ? null : s.labels().toAbsolutePath().toString());
    }

    ListedScan listed() {
        return new ListedScan(new ScanItem(name, Path.of(path)), labels == null ? null : Path.of(labels));
    }
}
