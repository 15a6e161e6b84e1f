package org.calcify.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.calcify.detect.CandidateClassifier;
import org.calcify.io.InvalidInputException;
import org.calcify.nn.inference.Classifiers;

/**
 * The model a cohort job detects with, as the driver broadcasts it: {@code default} or {@code baseline} by name
 * (every executor has them in its jars), or a trained model folder by content (its files' bytes), so that the
 * executors need not see the driver's disk. An executor unpacks a folder once into a temporary folder of its own.
 *
 * @param choice what {@code --model} said
 * @param files  a model folder's files by relative path (empty for default and baseline)
 * @param id     names this model among those an executor JVM holds (a digest of the files)
 */
record ModelSource(String choice, Map<String, byte[]> files, String id) implements Serializable {
    /** A model folder larger than this is read by its path instead (it must then be on shared storage). */
    static final long MAX_BROADCAST_BYTES = 512L << 20;

    static ModelSource of(String choice) throws IOException {
        if (Classifiers.DEFAULT.equalsIgnoreCase(choice) || "baseline".equalsIgnoreCase(choice)) {
            return new ModelSource(choice.toLowerCase(java.util.Locale.ROOT), Map.of(), choice.toLowerCase(java.util.Locale.ROOT));
        }
        Path dir = Path.of(choice).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(Path.of(choice), "no such model folder (train one with 'calcify train', or use --model default or baseline)");
        }
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        MessageDigest sha = sha256();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                total += Files.size(p);
                if (total > MAX_BROADCAST_BYTES) {
                    return new ModelSource(dir.toString(), Map.of(), "path:" + dir);
                }
                byte[] b = Files.readAllBytes(p);
                String rel = dir.relativize(p).toString();
                files.put(rel, b);
                sha.update(rel.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(b);
            }
        }
        return new ModelSource(dir.toString(), files, HexFormat.of().formatHex(sha.digest()));
    }

    /** Loads the classifier in this JVM (a folder's files unpacked first into {@code scratch}). */
    CandidateClassifier load(Path scratch) throws IOException {
        if (files.isEmpty()) {
            return Classifiers.load(choice);
        }
        Path dir = scratch.resolve("model-" + id.substring(0, Math.min(16, id.length())));
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path f = dir.resolve(e.getKey()).normalize();
            if (!f.startsWith(dir)) {
                throw new InvalidInputException(Path.of(choice), "model file outside its folder: " + e.getKey());
            }
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
        return Classifiers.load(dir.toString());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
