package org.calcify.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.calcify.app.detect.ListedScan;
import org.calcify.app.detect.ScanItem;

/**
 * A scan as a Spark task receives it: its name and paths as text (a {@link Path} is not serializable), paths on
 * storage every executor reads, or URIs of a file system read through Hadoop ({@link RemoteScans}).
 *
 * @param labels the label map's path, or null
 * @param remote true for a scan on a file system read through Hadoop ({@link RemoteScans}, its paths Hadoop's): a task
 *               copies it to local disk first
 */
record ScanRef(String name, String path, String labels, boolean remote) implements Serializable {
    static ScanRef of(ListedScan s) {
        return new ScanRef(s.scan().name(), s.scan().path().toAbsolutePath().toString(),
                s.labels() == null ? null : s.labels().toAbsolutePath().toString(), false);
    }

    ListedScan listed() {
        return new ListedScan(new ScanItem(name, Path.of(path)), labels == null ? null : Path.of(labels));
    }
}
