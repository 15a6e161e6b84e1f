package org.calcify.io.joblib;

/**
 * One entry of a seed cohort's voxel list, {@code (image_index, z, y, x, answer)}: a candidate voxel of scan
 * {@code imageIndex} at array index (z, y, x) of that scan, with its label exactly as Python holds it.
 *
 * @param answer     the label as loaded: {@link Long} (Python int), {@link Boolean}, {@link Double} or a
 *                   {@link NumpyScalar} (e.g. numpy.int64), so Python's type is kept
 * @param answerText Python's {@code str(answer)}: "1", "0", "True", "1.0"
 */
public record CandidateVoxel(int imageIndex, int z, int y, int x, Object answer, String answerText) {

    /** Python's type name of the answer: "int", "bool", "float", "numpy.int64", "numpy.bool_", ... */
    public String answerType() {
        if (answer instanceof NumpyScalar s) {
            return "numpy." + (s.dtype().kind() == 'b' ? "bool_" : s.dtype().numpyName());
        }
        if (answer instanceof Boolean) {
            return "bool";
        }
        if (answer instanceof Double) {
            return "float";
        }
        if (answer instanceof String) {
            return "str";
        }
        return answer == null ? "NoneType" : "int";
    }
}
