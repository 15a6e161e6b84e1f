package org.calcify.cli;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.calcify.extract.PatchMode;
import org.calcify.nn.model.Architecture;
import org.calcify.nn.model.Task;
import org.calcify.patch.PatchShape;
import org.calcify.seed.SeedOutputFormat;
import org.calcify.window.WindowLevel;
import org.calcify.window.WindowPreset;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The typed values of Calcify's options, parsed by picocli before a command runs (a bad value is one line naming
 * the option, exit 2). Axis order: a spacing in mm is X,Y,Z, as NIfTI's pixdim and {@code calcify info}'s
 * {@code spacing_mm_xyz}; voxel indices and patch extents are Z,Y,X, the order of the arrays they index (the
 * shards' .npy files, index.csv, a model's {@code patch_zyx}). Either may also be given with its axes named, in any
 * order ({@code x=0.7,y=0.7,z=3}).
 */
final class OptionTypes {
    private OptionTypes() {
    }

    /** A voxel spacing in mm. */
    record SpacingXyz(double x, double y, double z) {
        /** (x, y, z). */
        double[] xyz() {
            return new double[] {x, y, z};
        }

        /** (z, y, x), as patch renderers take it. */
        double[] zyx() {
            return new double[] {z, y, x};
        }
    }

    /** Three voxel counts or indices (z, y, x). */
    record VoxelZyx(int z, int y, int x) {
        int[] zyx() {
            return new int[] {z, y, x};
        }

        @Override
        public String toString() {
            return z + "," + y + "," + x;
        }
    }

    /**
     * Parses three comma-separated values in {@code order} ("xyz" or "zyx"), or three named ones ({@code z=3,y=1,x=1})
     * in any order. Returns them as (x, y, z).
     */
    static String[] xyzFields(String text, String order) {
        String[] parts = text.split(",", -1);
        if (parts.length != 3) {
            throw new TypeConversionException("'" + text + "' is not three values " + String.join(",", order.toUpperCase(Locale.ROOT).split("")));
        }
        Map<Character, String> named = new HashMap<>();
        for (String p : parts) {
            String t = p.trim();
            if (t.length() > 2 && t.charAt(1) == '=' && "xyzXYZ".indexOf(t.charAt(0)) >= 0) {
                named.put(Character.toLowerCase(t.charAt(0)), t.substring(2).trim());
            }
        }
        if (named.size() == 3) {
            return new String[] {named.get('x'), named.get('y'), named.get('z')};
        }
        if (!named.isEmpty()) {
            throw new TypeConversionException("'" + text + "': name all three axes (x=..,y=..,z=..) or none");
        }
        String[] out = new String[3];
        for (int i = 0; i < 3; i++) {
            out["xyz".indexOf(order.charAt(i))] = parts[i].trim();
        }
        return out;
    }

    /** {@code --spacing X,Y,Z} in mm, each positive. */
    static final class SpacingConverter implements ITypeConverter<SpacingXyz> {
        @Override
        public SpacingXyz convert(String text) {
            String[] f = xyzFields(text, "xyz");
            double[] v = new double[3];
            for (int i = 0; i < 3; i++) {
                try {
                    v[i] = Double.parseDouble(f[i]);
                } catch (NumberFormatException e) {
                    v[i] = Double.NaN;
                }
                if (!(v[i] > 0) || !Double.isFinite(v[i])) {
                    throw new TypeConversionException("'" + text + "' is not three positive spacings X,Y,Z in mm");
                }
            }
            return new SpacingXyz(v[0], v[1], v[2]);
        }
    }

    /** Voxel indices or counts Z,Y,X (integers >= 0). */
    static final class VoxelConverter implements ITypeConverter<VoxelZyx> {
        @Override
        public VoxelZyx convert(String text) {
            String[] f = xyzFields(text, "zyx");
            int[] v = new int[3];
            for (int i = 0; i < 3; i++) {
                try {
                    v[i] = Integer.parseInt(f[i]);
                } catch (NumberFormatException e) {
                    v[i] = -1;
                }
                if (v[i] < 0) {
                    throw new TypeConversionException("'" + text + "' is not three voxel indices Z,Y,X (integers >= 0)");
                }
            }
            return new VoxelZyx(v[2], v[1], v[0]);
        }
    }

    /** Patch extents Z,Y,X, odd and positive. */
    static final class PatchShapeConverter implements ITypeConverter<PatchShape> {
        @Override
        public PatchShape convert(String text) {
            VoxelZyx v = new VoxelConverter().convert(text);
            try {
                return PatchShape.ofSizes(v.z(), v.y(), v.x());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "': " + e.getMessage());
            }
        }
    }

    /** A window: c,w or lo..hi or a preset name. */
    static final class WindowConverter implements ITypeConverter<WindowLevel> {
        @Override
        public WindowLevel convert(String text) {
            try {
                return WindowPreset.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** An enum named in lower case (cube, triplanar, ...), case ignored. */
    abstract static class LowerCaseEnum<E extends Enum<E>> implements ITypeConverter<E> {
        private final Class<E> type;

        LowerCaseEnum(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String text) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(text.trim())) {
                    return e;
                }
            }
            throw new TypeConversionException("'" + text + "' is not one of " + String.join(", ",
                    Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()));
        }
    }

    static final class PatchModeConverter extends LowerCaseEnum<PatchMode> {
        PatchModeConverter() {
            super(PatchMode.class);
        }
    }

    static final class ArchitectureConverter extends LowerCaseEnum<Architecture> {
        ArchitectureConverter() {
            super(Architecture.class);
        }
    }

    static final class TaskConverter extends LowerCaseEnum<Task> {
        TaskConverter() {
            super(Task.class);
        }
    }

    static final class SeedFormatConverter extends LowerCaseEnum<SeedOutputFormat> {
        SeedFormatConverter() {
            super(SeedOutputFormat.class);
        }
    }
}
