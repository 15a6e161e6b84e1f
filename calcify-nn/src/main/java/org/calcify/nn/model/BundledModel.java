package org.calcify.nn.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.calcify.io.AtomicOutput;

/**
 * The model that ships inside Calcify ({@code calcify detect} uses it when no {@code --model} is given):
 * a model folder ({@code config.json}, {@code model.params}), or an ensemble of them
 * ({@code fold_0/model/}, {@code fold_1/model/}, ... as {@code calcify train} writes them, their
 * probabilities averaged), with its {@code provenance.json}, stored as resources under {@value #DEFAULT}. The engine loads models from files, so the first use copies them
 * into a cache folder named after their content's SHA-256 ({@code $XDG_CACHE_HOME/calcify/models/} or
 * {@code ~/.cache/calcify/models/}, else the temporary folder); later uses find the copy there. The files
 * are copied under temporary names and renamed, so two processes starting at once do not read a half copy.
 */
public final class BundledModel {
    /** Resource folder of the default model. */
    public static final String DEFAULT = "org/calcify/nn/model/default";
    static final List<String> FILES = List.of(ModelConfig.FILE, Network.WEIGHTS, "provenance.json");
    /** Most ensemble members looked for ({@code fold_0} ... {@code fold_9}). */
    static final int MAX_MEMBERS = 10;

    private BundledModel() {
    }

    /** The default model's folder on disk, or empty when this build carries none. */
    public static Optional<Path> defaultModel() throws IOException {
        ClassLoader cl = BundledModel.class.getClassLoader();
        return extract(name -> cl.getResourceAsStream(DEFAULT + "/" + name), cacheRoot());
    }

    /** Opens one of the model's files by name, or gives null when there is none. */
    interface Source {
        InputStream open(String name) throws IOException;
    }

    /**
     * Copies the model's files into {@code cacheRoot}/&lt;sha256&gt;/ unless they are there already: {@link #FILES}, or
     * {@code provenance.json} and the members {@code fold_K/model/config.json} and {@code model.params} for K = 0, 1, ...
     * while they are present; empty when there is no model.
     */
    static Optional<Path> extract(Source source, Path cacheRoot) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        List<byte[]> content = new java.util.ArrayList<>();
        if (!read(source, ModelConfig.FILE, names, content)) {
            for (int k = 0; k < MAX_MEMBERS; k++) {
                String member = "fold_" + k + "/model/";
                if (!read(source, member + ModelConfig.FILE, names, content)) {
                    break;
                }
                if (!read(source, member + Network.WEIGHTS, names, content)) {
                    return Optional.empty();
                }
            }
            if (names.isEmpty()) {
                return Optional.empty();
            }
        } else if (!read(source, Network.WEIGHTS, names, content)) {
            return Optional.empty();
        }
        if (!read(source, "provenance.json", names, content)) {
            return Optional.empty();
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < names.size(); i++) {
            sha.update(names.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(content.get(i));
        }
        Path dir = cacheRoot.resolve(HexFormat.of().formatHex(sha.digest()).substring(0, 16));
        java.util.Set<Path> prepared = new java.util.HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            Path target = dir.resolve(names.get(i));
            if (prepared.add(target.getParent())) {
                Files.createDirectories(target.getParent());
                AtomicOutput.removeLeftovers(target.getParent()); // temporary files of a process killed while unpacking
            }
            if (Files.isRegularFile(target) && Files.size(target) == content.get(i).length) {
                continue;
            }
            AtomicOutput.write(target, content.get(i));
        }
        return Optional.of(dir);
    }

    /** Reads resource {@code name} into the lists; false when there is none. */
    private static boolean read(Source source, String name, List<String> names, List<byte[]> content) throws IOException {
        try (InputStream in = source.open(name)) {
            if (in == null) {
                return false;
            }
            names.add(name);
            content.add(in.readAllBytes());
            return true;
        }
    }

    static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        Path root = base.resolve("calcify").resolve("models");
        try {
            Files.createDirectories(root);
            if (Files.isWritable(root)) {
                return root;
            }
        } catch (IOException | SecurityException e) {
            // fall through to the temporary folder
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "calcify-models-" + System.getProperty("user.name"));
    }
}
