package org.calcify.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.calcify.io.AtomicOutput;

/** Writes PNG files through {@code javax.imageio}, atomically. */
public final class PngOutput {
    private PngOutput() {
    }

    public static void write(BufferedImage image, Path target) throws IOException {
        AtomicOutput.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
