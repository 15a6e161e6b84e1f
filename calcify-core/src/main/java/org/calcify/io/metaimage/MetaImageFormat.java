package org.calcify.io.metaimage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.calcify.io.ReadOptions;
import org.calcify.io.VolumeFormat;
import org.calcify.volume.Volume;

/** MetaImage ({@code .mhd} + {@code .raw}/{@code .zraw}, {@code .mha}); see {@link MetaImageReader}, {@link MetaImageWriter}. */
public final class MetaImageFormat implements VolumeFormat {
    @Override
    public String name() {
        return "MetaImage";
    }

    @Override
    public boolean canRead(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        String name = VolumeFormat.fileName(path);
        if (name.endsWith(".mhd") || name.endsWith(".mha")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(path)) {
            String head = new String(in.readNBytes(64), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            return head.startsWith("objecttype") || head.startsWith("ndims");
        }
    }

    @Override
    public Volume read(Path path, ReadOptions options) throws IOException {
        return MetaImageReader.read(path);
    }

    @Override
    public boolean canWrite(Path path) {
        String name = VolumeFormat.fileName(path);
        return name.endsWith(".mhd") || name.endsWith(".mha");
    }

    @Override
    public void write(Volume volume, Path path) throws IOException {
        MetaImageWriter.write(volume, path, VolumeFormat.fileName(path).endsWith(".mha"));
    }
}
