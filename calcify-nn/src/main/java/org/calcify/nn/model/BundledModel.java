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
 * a model folder ({@code config.json}, {@code model.params}) with its {@code provenance.json}, stored as
 * resources under {@value #DEFAULT}. The engine loads models from files, so the first use copies them
 * into a cache folder named after their content's SHA-256 ({@code $XDG_CACHE_HOME/calcify/models/} or
 * {@code ~/.cache/calcify/models/}, else the temporary folder); later uses find the copy there. The files
 * are copied under temporary names and renamed, so two processes starting at once do not read a half copy.
 */
public final class BundledModel {
    /** Resource folder of the default model. */
    public static final String DEFAULT = "org/calcify/nn/model/default";
    static final List<String> FILES = List.of(ModelConfig.FILE, Network.WEIGHTS, "provenance.json");

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

    /** Copies the model's files into {@code cacheRoot}/&lt;sha256&gt;/ unless they are there already. */
    static Optional<Path> extract(Source source, Path cacheRoot) throws IOException {
        byte[][] content = new byte[FILES.size()][];
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < FILES.size(); i++) {
            try (InputStream in = source.open(FILES.get(i))) {
                if (in == null) {
                    return Optional.empty();
                }
                content[i] = in.readAllBytes();
                sha.update(content[i]);
            }
        }
        Path dir = cacheRoot.resolve(HexFormat.of().formatHex(sha.digest()).substring(0, 16));
        Files.createDirectories(dir);
        AtomicOutput.removeLeftovers(dir); // temporary files of a process killed while unpacking
        for (int i = 0; i < FILES.size(); i++) {
            Path target = dir.resolve(FILES.get(i));
            if (Files.isRegularFile(target) && Files.size(target) == content[i].length) {
                continue;
            }
            AtomicOutput.write(target, content[i]);
        }
        return Optional.of(dir);
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
