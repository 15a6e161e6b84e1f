package org.calcify.phantom;

import java.util.SplittableRandom;

/**
 * EMR-like features of a phantom patient, drawn from one latent risk so that they correlate with
 * the calcium burden (older, male, smoking, diabetic, hypertensive, high cholesterol: more calcium).
 *
 * @param risk             latent standard-normal risk
 * @param ageYears         age in years
 * @param male             sex
 * @param bmiKgPerM2       body-mass index
 * @param smoker           current or former smoker
 * @param diabetes         diabetes mellitus
 * @param hypertension     hypertension
 * @param cholesterolMmolL total cholesterol, mmol/L
 */
public record PatientRecord(double risk, int ageYears, boolean male, double bmiKgPerM2, boolean smoker,
                            boolean diabetes, boolean hypertension, double cholesterolMmolL) {

    static PatientRecord random(SplittableRandom r) {
        double risk = Plaque.gaussian(r);
        int age = (int) Math.round(Math.max(35, Math.min(88, 60 + 6 * risk + 7 * Plaque.gaussian(r))));
        boolean male = r.nextDouble() < 0.5 + 0.12 * Math.tanh(risk);
        double bmi = Math.round(Math.max(17, 27 + 1.5 * risk + 3.5 * Plaque.gaussian(r)) * 10) / 10.0;
        boolean smoker = r.nextDouble() < logistic(-0.8 + 0.7 * risk);
        boolean diabetes = r.nextDouble() < logistic(-2.0 + 0.8 * risk);
        boolean hypertension = r.nextDouble() < logistic(-0.4 + 0.8 * risk);
        double chol = Math.round(Math.max(2.5, 5.2 + 0.45 * risk + 0.8 * Plaque.gaussian(r)) * 10) / 10.0;
        return new PatientRecord(risk, age, male, bmi, smoker, diabetes, hypertension, chol);
    }

    /** Expected number of coronary plaques. */
    double expectedPlaques() {
        return Math.exp(1.2 + 0.9 * risk + 0.03 * (ageYears - 60) + (male ? 0.3 : 0));
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
