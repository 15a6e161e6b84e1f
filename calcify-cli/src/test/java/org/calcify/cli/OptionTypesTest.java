package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.calcify.extract.PatchMode;
import org.calcify.nn.model.Architecture;
import org.calcify.patch.PatchShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

/** Options with a fixed set of values or a triple are parsed by picocli, with one axis order per kind of triple. */
class OptionTypesTest {
    @Test
    void spacingIsXyzAndMayNameItsAxes() {
        OptionTypes.SpacingXyz s = new OptionTypes.SpacingConverter().convert("0.7,0.8,3");
        assertThat(s.xyz()).containsExactly(0.7, 0.8, 3.0);
        assertThat(s.zyx()).containsExactly(3.0, 0.8, 0.7);
        assertThat(new OptionTypes.SpacingConverter().convert("z=3, y=0.8, x=0.7")).isEqualTo(s);
        assertThatThrownBy(() -> new OptionTypes.SpacingConverter().convert("z=3,0.8,0.7")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("name all three axes");
        assertThatThrownBy(() -> new OptionTypes.SpacingConverter().convert("1,0,1")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("X,Y,Z in mm");
    }

    @Test
    void voxelsAndExtentsAreZyx() {
        assertThat(new OptionTypes.VoxelConverter().convert("1,2,3")).isEqualTo(new OptionTypes.VoxelZyx(1, 2, 3));
        assertThat(new OptionTypes.VoxelConverter().convert("x=3,z=1,y=2")).isEqualTo(new OptionTypes.VoxelZyx(1, 2, 3));
        PatchShape p = new OptionTypes.PatchShapeConverter().convert("9,33,31");
        assertThat(new int[] {p.sizeZ(), p.sizeY(), p.sizeX()}).containsExactly(9, 33, 31);
        assertThatThrownBy(() -> new OptionTypes.PatchShapeConverter().convert("8,33,33")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("odd");
    }

    @Test
    void enumsInLowerCase() {
        assertThat(new OptionTypes.PatchModeConverter().convert("cube")).isEqualTo(PatchMode.CUBE);
        assertThat(new OptionTypes.ArchitectureConverter().convert("CNN3D")).isEqualTo(Architecture.CNN3D);
        assertThatThrownBy(() -> new OptionTypes.PatchModeConverter().convert("slab")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("triplanar, cube");
    }

    @Test
    void badValuesAreOneLineNamingTheOptionBeforeAnythingRuns(@TempDir Path dir) {
        String out = dir.toString();
        String png = dir.resolve("a.png").toString();
        Object[][] cases = {
                {"--mode", new String[] {"extract", "--scan", "x.nii", "--candidates", "--mode", "slab", "--output", out}},
                {"--size", new String[] {"extract", "--scan", "x.nii", "--candidates", "--size", "8,9,9", "--output", out}},
                {"--spacing", new String[] {"extract", "--scan", "x.nii", "--candidates", "--spacing", "1,1", "--output", out}},
                {"--model", new String[] {"train", "--data", out, "--model", "resnet", "--out", out}},
                {"--task", new String[] {"train", "--data", out, "--model", "cnn3d", "--task", "lesion", "--out", out}},
                {"--format", new String[] {"seed-extract", "--input", out, "--output", out, "--format", "zip"}},
                {"--window", new String[] {"render", "scan", "x.nii", "--window", "wide", "--out", png}},
                {"--spacing", new String[] {"render", "patch", out, "--spacing", "0,1,1", "--out", png}}};
        for (Object[] c : cases) {
            String[] args = (String[]) c[1];
            CliRunner r = CliRunner.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().lines().findFirst().orElse("")).as(String.join(" ", args)).startsWith("calcify: error: ")
                    .contains("Invalid value for option '" + c[0] + "'");
        }
    }

    @Test
    void helpStatesTheAxisOrder() {
        assertThat(CliRunner.run("extract", "--help").out()).contains("--spacing=X,Y,Z").contains("--size=Z,Y,X");
        assertThat(CliRunner.run("render", "patch", "--help").out()).contains("--spacing=X,Y,Z");
    }
}
