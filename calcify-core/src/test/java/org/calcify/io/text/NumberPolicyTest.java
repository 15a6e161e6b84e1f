package org.calcify.io.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.calcify.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumberPolicyTest {
    record Row(@JsonProperty("case") String name, double score, @Decimals(3) double volume, Double mass, int lesions, String note) {
    }

    record Doc(String name, double value, double[] values, Map<String, Object> extra) {
    }

    @Test
    void jsonWritesNonFiniteAsNullAndReadsNullBackAsNaN(@TempDir Path dir) throws Exception {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("inf", Double.POSITIVE_INFINITY);
        extra.put("list", List.of(1, 2));
        Doc d = new Doc("a \"b\"", Double.NaN, new double[] {1.5, Double.NaN, Double.NEGATIVE_INFINITY}, extra);
        String text = JsonFiles.toJson(d);
        assertThat(text).isEqualTo("""
                {
                  "name": "a \\"b\\"",
                  "value": null,
                  "values": [1.5, null, null],
                  "extra": {
                    "inf": null,
                    "list": [1, 2]
                  }
                }
                """);
        Path f = dir.resolve("d.json");
        JsonFiles.write(f, d);
        Doc back = JsonFiles.read(f, Doc.class);
        assertThat(back.value()).isNaN();
        assertThat(back.values()[0]).isEqualTo(1.5);
        assertThat(back.values()[1]).isNaN();
        assertThat(back.values()[2]).isNaN();
    }

    @Test
    void csvQuotesOnlyWhatMustBeQuotedAndKeepsDecimals(@TempDir Path dir) throws Exception {
        List<Row> rows = List.of(new Row("case-0001", 12.5, 1.23456, 3.0, 2, "very high"),
                new Row("a,b", Double.NaN, Double.NaN, null, 0, "said \"no\"\nthen left"));
        String csv = CsvFiles.toCsv(rows, Row.class);
        assertThat(csv).isEqualTo("case,score,volume,mass,lesions,note\n"
                + "case-0001,12.5,1.235,3.0,2,very high\n"
                + "\"a,b\",,,,0,\"said \"\"no\"\"\nthen left\"\n");
        Path f = dir.resolve("rows.csv");
        CsvFiles.write(f, rows, Row.class);
        List<Row> back = CsvFiles.read(f, Row.class);
        assertThat(back).hasSize(2);
        assertThat(back.get(1).name()).isEqualTo("a,b");
        assertThat(back.get(1).score()).isNaN();
        assertThat(back.get(1).volume()).isNaN();
        assertThat(back.get(1).mass()).isNaN();
        assertThat(back.get(1).note()).isEqualTo("said \"no\"\nthen left");
        assertThat(back.get(0).volume()).isEqualTo(1.235);
        assertThat(CsvFiles.columns(Row.class)).containsExactly("case", "score", "volume", "mass", "lesions", "note");
    }

    @Test
    void tableRoundTripsDynamicColumns(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.csv");
        CsvTable.write(f, List.of("metric", "value"), List.of(List.of("auc", 0.5), Arrays.asList("f1, macro", Double.NaN),
                List.of("p", NumberPolicy.fixed(0.1234567, 6)), List.of("g", NumberPolicy.significant(0.00001234567, 3))));
        assertThat(Files.readString(f)).isEqualTo("metric,value\nauc,0.5\n\"f1, macro\",\np,0.123457\ng,0.0000123\n");
        CsvTable t = CsvTable.read(f);
        assertThat(t.header()).containsExactly("metric", "value");
        assertThat(t.get(1, "metric")).isEqualTo("f1, macro");
        assertThat(t.doubles("value")[1]).isNaN();
        assertThat(t.doubles("value")[3]).isEqualTo(0.0000123);
    }

    @Test
    void brokenFilesNameTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "a,b\n1,2,3\n");
        assertThatThrownBy(() -> CsvTable.read(f)).isInstanceOf(InvalidInputException.class).hasMessageContaining("bad.csv")
                .hasMessageContaining("row 2 has 3 fields");
        Path j = dir.resolve("bad.json");
        Files.writeString(j, "{\"name\": ");
        assertThatThrownBy(() -> JsonFiles.read(j, Doc.class)).isInstanceOf(InvalidInputException.class).hasMessageContaining("bad.json");
        Path r = dir.resolve("rows.csv");
        Files.writeString(r, "case,score,volume,mass,lesions,note\nx,abc,1,1,1,\n");
        assertThatThrownBy(() -> CsvFiles.read(r, Row.class)).isInstanceOf(InvalidInputException.class).hasMessageContaining("rows.csv");
    }

    @Test
    void parseReadsWhatOlderFilesHold() {
        assertThat(NumberPolicy.parse("nan")).isNaN();
        assertThat(NumberPolicy.parse(" ")).isNaN();
        assertThat(NumberPolicy.parse("inf")).isInfinite();
        assertThat(NumberPolicy.parse("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NumberPolicy.parse("1e-3")).isEqualTo(0.001);
        assertThatThrownBy(() -> NumberPolicy.parse("2d")).isInstanceOf(NumberFormatException.class);
    }
}
