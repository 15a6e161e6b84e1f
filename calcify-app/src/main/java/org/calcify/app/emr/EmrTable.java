package org.calcify.app.emr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.calcify.io.InvalidInputException;
import org.calcify.io.text.CsvTable;

/**
 * EMR features per scan from a CSV whose first column names the scan. The features are the clinical columns
 * of {@code calcify phantom}'s cohort.csv ({@link #CLINICAL}) when the table has them — never its true scores,
 * which would leak the answer — and otherwise every column that is numeric in every row (M/F read as 1/0), in
 * column order. Training ({@code extract --emr}) and detection ({@code detect --emr}) read the same columns.
 */
public final class EmrTable {
    private EmrTable() {
    }

    /** The phantom's clinical features, in this order. */
    public static final List<String> CLINICAL = List.of("age", "sex", "bmi", "smoking", "diabetes", "hypertension", "cholesterol_mmol_l");

    /** Scan name to its EMR features. */
    public static Map<String, double[]> read(Path csv) throws IOException {
        CsvTable table = CsvTable.read(csv);
        if (table.rows().isEmpty()) {
            throw new InvalidInputException(csv, "EMR table has no rows");
        }
        String[] header = table.header().toArray(new String[0]);
        List<String[]> rows = new ArrayList<>();
        for (List<String> r : table.rows()) {
            rows.add(r.toArray(new String[0]));
        }
        List<Integer> numeric = new ArrayList<>();
        List<String> names = Arrays.asList(header);
        if (names.containsAll(CLINICAL)) {
            for (String c : CLINICAL) {
                numeric.add(names.indexOf(c));
            }
        }
        boolean clinical = !numeric.isEmpty();
        for (int c = 1; c < header.length && !clinical; c++) {
            boolean ok = true;
            for (String[] r : rows) {
                if (value(r[c]) == null) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                numeric.add(c);
            }
        }
        Map<String, double[]> out = new HashMap<>();
        for (String[] r : rows) {
            double[] v = new double[numeric.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = value(r[numeric.get(k)]);
                if (!Double.isFinite(v[k])) {
                    throw new InvalidInputException(csv, "EMR of " + r[0] + " has a non-finite value in column " + header[numeric.get(k)]);
                }
            }
            out.put(r[0].trim(), v);
        }
        return out;
    }

    private static Double value(String s) {
        String t = s.trim();
        if (t.equals("M")) {
            return 1.0;
        }
        if (t.equals("F")) {
            return 0.0;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
