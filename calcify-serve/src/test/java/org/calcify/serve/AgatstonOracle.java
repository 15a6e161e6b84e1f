package org.calcify.serve;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.calcify.testing.PythonOracle;

/**
 * Agatston per artery computed by Python (numpy, scipy, nibabel) from the files on disk: per slice, 8-connected components
 * of coronary-labelled voxels at or above 130 HU, those of at least 1 mm² kept, each weighted by its peak HU (1-4) times
 * its area, assigned to the artery most of its voxels carry, times slice spacing / 3 mm. Independent of Calcify's scorer.
 */
final class AgatstonOracle {
    private static final String SCRIPT = String.join("\n",
            "import sys, json, numpy as np, nibabel as nib",
            "from scipy import ndimage",
            "ct = np.asanyarray(nib.load(sys.argv[1]).dataobj).astype(np.int32)",
            "img = nib.load(sys.argv[2]); lab = np.asanyarray(img.dataobj).astype(np.int32)",
            "sx, sy, sz = [float(v) for v in img.header.get_zooms()[:3]]",
            "out = {a: 0.0 for a in ['LM', 'LAD', 'LCX', 'RCA']}",
            "names = {1: 'LM', 2: 'LAD', 3: 'LCX', 4: 'RCA'}",
            "for k in range(ct.shape[2]):",
            "    c = ct[:, :, k]; l = lab[:, :, k]",
            "    mask = (l >= 1) & (l <= 4) & (c >= 130)",
            "    comp, n = ndimage.label(mask, structure=np.ones((3, 3)))",
            "    for i in range(1, n + 1):",
            "        m = comp == i",
            "        area = m.sum() * sx * sy",
            "        if area < 1.0 - 1e-9: continue",
            "        peak = c[m].max()",
            "        w = 1 if peak < 200 else 2 if peak < 300 else 3 if peak < 400 else 4",
            "        counts = np.bincount(l[m], minlength=5)[1:5]",
            "        out[names[int(np.argmax(counts)) + 1]] += area * w * sz / 3.0",
            "print(json.dumps(out))");

    private AgatstonOracle() {
    }

    /** Agatston per artery (LM, LAD, LCX, RCA) of {@code labels} over {@code ct}. */
    static Map<String, Double> agatston(Path ct, Path labels) {
        String json = PythonOracle.run(SCRIPT, ct.toString(), labels.toString()).trim();
        Map<String, Double> out = new LinkedHashMap<>();
        org.calcify.io.text.JsonFiles.mapper().readTree(json).properties().forEach(e -> out.put(e.getKey(), e.getValue().asDouble()));
        return out;
    }
}
