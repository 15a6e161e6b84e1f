package org.calcify.io.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.calcify.eval.PerCaseRow;
import org.calcify.extract.ComponentRow;
import org.calcify.hybrid.HybridCohortRow;
import org.calcify.hybrid.LesionRow;
import org.calcify.phantom.PhantomCohortRow;
import org.junit.jupiter.api.Test;

/** The CSV files users read keep the columns they had when they were written by hand. */
class FileColumnsTest {
    private static List<String> split(String header) {
        return List.of(header.split(","));
    }

    @Test
    void columnsAreThoseOfTheHandWrittenFiles() {
        assertThat(CsvFiles.columns(PhantomCohortRow.class)).isEqualTo(split("case,fold,seed,age,sex,bmi,smoking,diabetes,hypertension,"
                + "cholesterol_mmol_l,size_x,size_y,slices,pixel_mm,slice_mm,agatston,volume_mm3,mass_mg,category,lesions,agatston_LM,"
                + "agatston_LAD,agatston_LCX,agatston_RCA,slice_thickness_mm,noise_hu,kernel,kvp"));
        assertThat(CsvFiles.columns(HybridCohortRow.class)).isEqualTo(split("case,fold,seed,background,empty,shift_x_voxels,shift_y_voxels,"
                + "crop_first_slices,crop_last_slices,extra_noise_hu,psf_mm,size_x,size_y,slices,pixel_mm,slice_mm,agatston,volume_mm3,mass_mg,"
                + "category,asked_coronary,asked_non_coronary,lesions,coronary_lesions,non_coronary_lesions,candidates,negative_candidates,"
                + "agatston_LM,agatston_LAD,agatston_LCX,agatston_RCA"));
        assertThat(CsvFiles.columns(LesionRow.class)).isEqualTo(split("id,site,label,shape,peak_hu,centre_z,centre_y,centre_x,centre_lps_x_mm,"
                + "centre_lps_y_mm,centre_lps_z_mm,changed_voxels,labelled_voxels,max_hu,agatston,volume_mm3,mass_mg"));
        assertThat(CsvFiles.columns(PerCaseRow.class)).isEqualTo(split("case,truth_agatston,pred_agatston,truth_category,pred_category,"
                + "truth_volume_mm3,pred_volume_mm3,truth_mass_mg,pred_mass_mg,truth_lesions,pred_lesions,lesion_tp,lesion_fn,lesion_fp,"
                + "voxel_dice,truth_agatston_LM,pred_agatston_LM,truth_agatston_LAD,pred_agatston_LAD,truth_agatston_LCX,pred_agatston_LCX,"
                + "truth_agatston_RCA,pred_agatston_RCA"));
        assertThat(CsvFiles.columns(ComponentRow.class)).isEqualTo(split("scan,component,voxels,volume_mm3,peak_hu,mean_hu,centroid_z,"
                + "centroid_y,centroid_x,label"));
    }

    @Test
    void fixedDecimalsAsTheHandWrittenFilesHadThem() {
        PhantomCohortRow r = new PhantomCohortRow("case-0000", 0, 42, 61, "M", 27.44, 1, 0, 1, 5.25, 512, 512, 40, 0.68359375, 3, 12.3, 4.56789,
                1.0, "minimal", 2, 12.3, 0, 0, 0, 3, 21.456, "b30f", 120);
        assertThat(CsvFiles.toCsv(List.of(r), PhantomCohortRow.class).lines().toList().get(1)).isEqualTo(
                "case-0000,0,42,61,M,27.4,1,0,1,5.3,512,512,40,0.684,3.000,12.300,4.568,1.000,minimal,2,12.300,0.000,0.000,0.000,3.000,21.46,b30f,120");
    }
}
