package org.calcify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calcify.io.VolumeIO;
import org.calcify.testing.PythonOracle;
import org.calcify.volume.Geometry;
import org.calcify.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectCommandTest {

    @Test
    void folderOfScansWithOneBadScan(@TempDir Path dir) throws IOException {
        Path scans = dir.resolve("scans");
        CliRunner p = CliRunner.run("phantom", "--out", scans.toString(), "--count", "2", "--seed", "1", "--size", "128", "--slices", "16-20");
        assertThat(p.exitCode()).as(p.err()).isZero();
        // a chest without calcium: soft tissue, two lungs (-850 HU, 20x20 pixels of 9 mm² each), air
        VolumeIO.write(chest(10, true), scans.resolve("clean.nii.gz"));
        // the same without lungs: no chest in view
        VolumeIO.write(chest(10, false), scans.resolve("nolungs.nii.gz"));
        // not CT: an MR image
        Files.copy(PythonOracle.nibabelTestData().resolve("anatomical.nii"), scans.resolve("mr.nii"));
        Path out = dir.resolve("out");
        CliRunner r = CliRunner.run("detect", "--model", "baseline", "--input", scans.toString(), "--out", out.toString(), "--threads", "2", "--quiet");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        String csv = Files.readString(out.resolve("cohort.csv"));
        assertThat(csv).startsWith("case,status,agatston,").contains("case-0000,ok", "case-0001,ok", "clean,ok,0.0,", "mr,failed", "nolungs,failed");
        assertThat(csv).containsPattern("mr,failed.*does not look like CT");
        assertThat(csv).containsPattern("nolungs,failed.*no chest in view");
        String verdict = PythonOracle.run("""
                import sys, json, re, base64, nibabel as nib, numpy as np
                out = sys.argv[1]
                for case in ['case-0000', 'case-0001', 'clean']:
                    lab = nib.load(f'{out}/{case}/labels.nii.gz')
                    assert lab.get_data_dtype() == np.uint8 and set(np.unique(np.asarray(lab.dataobj))) <= {0, 1, 2, 3, 4, 5}
                    s = json.load(open(f'{out}/{case}/scores.json'))
                    for k in ['summary', 'scan', 'agatston', 'volume_mm3', 'mass_mg', 'category', 'arteries', 'lesions', 'parameters', 'detections',
                              'protocol', 'anatomy', 'model', 'disclaimer', 'timing_ms']:
                        assert k in s, (case, k)
                    assert s['summary']['lesions'] == len(s['lesions']), case
                    html = open(f'{out}/{case}/report.html').read()
                    imgs = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
                    assert all(base64.b64decode(i)[:8] == b'\\x89PNG\\r\\n\\x1a\\n' for i in imgs)
                    other = [d for d in s['detections'] if d['artery'] == 'other']
                    assert len(imgs) == (0 if not s['detections'] else 1 + min(40, len(s['lesions'])) + min(40, len(other))), (case, len(imgs))
                    assert f"Coronary lesions ({len(s['lesions'])})" in html, case
                clean = json.load(open(f'{out}/clean/scores.json'))
                assert clean['category'] == '0' and clean['agatston'] == 0
                print('ok')
                """, out.toString());
        assertThat(verdict.trim()).isEqualTo("ok");
        // the scores equal calcify score on the written label map
        for (String c : new String[] {"case-0000", "case-0001"}) {
            CliRunner s = CliRunner.run("score", "--ct", scans.resolve(c).resolve("ct.nii.gz").toString(), "--labels",
                    out.resolve(c).resolve("labels.nii.gz").toString(), "--json");
            assertThat(s.exitCode()).isZero();
            String a = PythonOracle.run("""
                    import sys, json
                    x = json.loads(sys.argv[1]); y = json.load(open(sys.argv[2]))
                    assert x['agatston'] == y['agatston'] and x['volume_mm3'] == y['volume_mm3'] and x['arteries'] == y['arteries']
                    print('same')
                    """, s.out(), out.resolve(c).resolve("scores.json").toString());
            assertThat(a.trim()).isEqualTo("same");
        }
        // a rerun does not redo finished scans, and their rows keep their scores (read back from scores.json)
        String first = Files.readString(out.resolve("cohort.csv"));
        var written = Files.getLastModifiedTime(out.resolve("case-0000").resolve("scores.json"));
        CliRunner again = CliRunner.run("detect", "--model", "baseline", "--input", scans.toString(), "--out", out.toString(), "--quiet");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(Files.getLastModifiedTime(out.resolve("case-0000").resolve("scores.json"))).isEqualTo(written);
        String same = PythonOracle.run("""
                import sys, csv, io
                a = {r['case']: r for r in csv.DictReader(io.StringIO(sys.argv[1]))}
                b = {r['case']: r for r in csv.DictReader(open(sys.argv[2]))}
                assert a.keys() == b.keys()
                for k in a:
                    if a[k]['status'] == 'ok':
                        assert a[k] == b[k], (a[k], b[k])
                print('same')
                """, first, out.resolve("cohort.csv").toString());
        assertThat(same.trim()).isEqualTo("same");
    }

    /**
     * {@code --candidates}: one row per candidate around the heart region, checked against scipy's own components of the
     * scan at 130 HU, the anatomy map, scores.json's detections and counts, and the gate's and the decision rule's
     * arithmetic redone in numpy.
     */
    @Test
    void candidatesTableSaysWhatBecameOfEveryCandidate(@TempDir Path dir) {
        Path scans = dir.resolve("scans");
        CliRunner p = CliRunner.run("phantom", "--out", scans.toString(), "--count", "2", "--seed", "1", "--size", "256", "--slices", "30-30",
                "--noise-hu", "30");
        assertThat(p.exitCode()).as(p.err()).isZero();
        Path out = dir.resolve("out");
        CliRunner r = CliRunner.run("detect", "--input", scans.toString(), "--out", out.toString(), "--candidates", "--anatomy", "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String verdict = PythonOracle.run("""
                import sys, csv, json, math, numpy as np, nibabel as nib
                from scipy import ndimage
                scans, out = sys.argv[1], sys.argv[2]
                fates = set()
                for case in ['case-0000', 'case-0001']:
                    ct = np.asarray(nib.load(f'{scans}/{case}/ct.nii.gz').dataobj)
                    an = np.asarray(nib.load(f'{out}/{case}/anatomy.nii.gz').dataobj)
                    s = json.load(open(f'{out}/{case}/scores.json'))
                    rows = list(csv.DictReader(open(f'{out}/{case}/candidates.csv')))
                    comp, n = ndimage.label(ct >= 130, structure=np.ones((3, 3, 3)))
                    classified = [r for r in rows if r['fate'].startswith('classified')]
                    assert len(classified) == s['anatomy']['candidates_classified'], case
                    assert len(rows) - len(classified) == s['anatomy']['candidates_outside_heart_region'], case
                    noise, coherence = s['protocol']['noise_hu'], s['anatomy']['noise_coherence_voxels']
                    for r in rows:
                        fates.add(r['fate'])
                        if r['fate'] == 'outside_heart_region':
                            continue  # may be cut by the edge of the box searched
                        # a candidate in the heart region is one of scipy's components, whole
                        z, y, x = (int(round(float(r[k]))) for k in ('centroid_z', 'centroid_y', 'centroid_x'))
                        near = np.unique(comp[max(0, x - 3):x + 4, max(0, y - 3):y + 4, max(0, z - 2):z + 3])
                        match = [c for c in near if c and (comp == c).sum() == int(r['voxels'])
                                 and ct[comp == c].max() == float(r['peak_hu'])]
                        assert len(match) >= 1, (case, r)
                        m = comp == match[0]
                        assert abs(an[m].tolist().count(5) / m.sum() - float(r['region_share'])) < 1e-4, (case, r)
                        assert abs(an[m].tolist().count(3) / m.sum() - float(r['bone_share'])) < 1e-4, (case, r)
                        assert float(r['region_share']) >= 0.1 and float(r['bone_share']) < 0.5, r
                        # significance = (peak - tissue) * sqrt(independent draws) / noise, draws = max(1, voxels / coherence)
                        sig = (float(r['peak_hu']) - float(r['tissue_hu'])) * math.sqrt(max(1, int(r['voxels']) / coherence)) / noise
                        assert abs(sig - float(r['significance'])) <= 0.01 * abs(sig) + 0.01, (sig, r)
                        passes = float(r['significance']) >= 4 and (r['noise_excess'] == '' or float(r['noise_excess']) >= 3)
                        assert passes == (r['fate'] == 'classified'), r
                        if r['fate'] == 'classified_for_smoothed_rise':
                            assert float(r['smoothed_rise']) >= 4.5, r
                        if r['fate'] == 'noise':
                            assert r['label'] == '' and r['p_none'] == '', r
                            continue
                        p = [float(r[k]) for k in ('p_none', 'p_lm', 'p_lad', 'p_lcx', 'p_rca', 'p_other')]
                        assert abs(sum(p) - 1) < 1e-4, r
                        # coronary when the arteries together outweigh none and other calcium, or, for a candidate far
                        # above the noise (significance >= 6), hold a fifth and beat other calcium; then the likeliest on that side
                        coronary = sum(p[1:5]) > p[0] + p[5] or (float(r['significance']) >= 6 and sum(p[1:5]) >= 0.2 * sum(p)
                                                                 and sum(p[1:5]) > p[5])
                        names = ['none', 'LM', 'LAD', 'LCX', 'RCA', 'other']
                        side = [1, 2, 3, 4] if coronary else [0, 5]
                        assert r['label'] == names[max(side, key=lambda i: p[i])], r
                    # scores.json lists the classified candidates that are calcium, with the same class and probability
                    calcium = sorted(((int(r['voxels']), float(r['peak_hu']), r['label'], round(max(float(r['p_' + r['label'].lower()]), 0), 4))
                                      for r in classified if r['label'] != 'none'))
                    listed = sorted((d['voxels'], d['peak_hu'], d['artery'], d['probability']) for d in s['detections'])
                    assert [c[:3] for c in calcium] == [d[:3] for d in listed], (calcium, listed)
                    assert all(abs(c[3] - d[3]) <= 1e-4 for c, d in zip(calcium, listed)), (calcium, listed)
                print(','.join(sorted(fates)))
                """, scans.toString(), out.toString());
        assertThat(verdict.trim()).isEqualTo("classified,classified_for_smoothed_rise,noise,outside_heart_region");
    }

    /** A calcium-free 64x64 chest of 3 mm voxels: soft tissue, air at one side and, if asked, two lungs of 36 cm² each. */
    static Volume chest(int slices, boolean lungs) {
        Geometry g = Geometry.of(64, 64, slices, new double[] {3, 3, 3}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        short[] hu = new short[g.voxelCount()];
        for (int i = 0; i < hu.length; i++) {
            int x = i % 64;
            int y = i / 64 % 64;
            boolean lung = lungs && y >= 20 && y < 40 && ((x >= 8 && x < 28) || (x >= 32 && x < 52));
            hu[i] = (short) (x >= 60 ? -1000 : lung ? -850 : 40);
        }
        return Volume.ofShorts(g, hu);
    }

    /**
     * The real calcium-free chest with the model that ships with Calcify (no --model): scored, not refused, total
     * Agatston at most 10; its sharp-kernel reconstruction refused with the kernel named.
     */
    @Test
    void realCalciumFreeChestWithTheDefaultModel(@TempDir Path dir) throws IOException {
        Path chest = PythonOracle.realData().resolve("tcia-lungdx-a0001-chest");
        CliRunner r = CliRunner.run("detect", "--input", chest.resolve("dicom").toString(), "--out", dir.resolve("b").toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String verdict = PythonOracle.run("""
                import sys, json
                s = json.load(open(sys.argv[1]))
                assert s['summary']['status'] == 'ok' and s['summary']['agatston'] <= 10, s['summary']
                assert "default model" in s['model'], s['model']
                assert any(f['check'] == 'slice_thickness' for f in s['protocol']['findings'])
                # a soft-tissue kernel correlates the noise over several pixels
                assert 1.5 < s['anatomy']['noise_coherence_voxels'] < 20, s['anatomy']
                print('ok')
                """, dir.resolve("b/dicom/scores.json").toString());
        assertThat(verdict.trim()).isEqualTo("ok");
        CliRunner l = CliRunner.run("detect", "--input", chest.resolve("dicom-kernel-L").toString(), "--out", dir.resolve("l").toString(), "--quiet");
        assertThat(l.exitCode()).isEqualTo(2);
        assertThat(l.err().strip()).startsWith("calcify: error: ").contains("refused: reconstruction kernel 'L'").doesNotContain("\n");
        assertThat(dir.resolve("l/dicom-kernel-L")).doesNotExist();
    }

    @Test
    void singleBadScanIsOneLineExitTwo(@TempDir Path dir) {
        CliRunner r = CliRunner.run("detect", "--model", "baseline", "--input", PythonOracle.nibabelTestData().resolve("anatomical.nii").toString(),
                "--out", dir.toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().contains("anatomical.nii").contains("does not look like CT");
    }

    /** Without gate options, detect's noise gate is the core's default ({@code NoiseGate.DEFAULT}), whatever it becomes. */
    @Test
    void defaultGateOptionsAreTheCoresDefaultGate() {
        picocli.CommandLine.ParseResult parsed = Main.newCommandLine().parseArgs("detect", "--input", "a", "--out", "b");
        DetectCommand detect = (DetectCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(detect.options().noiseGate()).isEqualTo(org.calcify.detect.NoiseGate.DEFAULT);
    }

    /** A noise-gate setting that is not a number (or not a voxel count) is a usage error before anything is read or written. */
    @Test
    void gateSettingsThatAreNotNumbersAreOneLineExitTwo(@TempDir Path dir) {
        String[][] bad = {{"--min-smoothed-rise", "NaN"}, {"--min-smoothed-rise", "Infinity"}, {"--min-noise-excess", "NaN"},
            {"--noise-voxels", "SOME"}};
        for (String[] option : bad) {
            Path out = dir.resolve("out");
            CliRunner r = CliRunner.run("detect", "--model", "baseline", "--input", dir.toString(), "--out", out.toString(), option[0], option[1]);
            assertThat(r.exitCode()).as(String.join(" ", option)).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(String.join(" ", option)).first().asString().startsWith("calcify: error: ")
                    .contains(option[1]);
            assertThat(out).doesNotExist();
        }
    }
}
