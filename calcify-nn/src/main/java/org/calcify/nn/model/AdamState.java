package org.calcify.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calcify.io.AtomicOutput;
import org.calcify.io.InvalidInputException;

/**
 * Adam (Kingma and Ba) over a network's trainable parameters, with its moments held by Calcify so that a
 * checkpoint saves and restores them exactly (the update itself is the engine's fused Adam kernel, as in
 * DJL's own optimizer).
 */
public final class AdamState {
    private static final int MAGIC = 0x43414441; // "CADA"
    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-8f;

    private final List<Pair<String, Parameter>> params;
    private final NDArray[] mean;
    private final NDArray[] variance;
    private long step;

    public AdamState(Network net) {
        params = net.trainable();
        NDManager m = net.manager();
        mean = new NDArray[params.size()];
        variance = new NDArray[params.size()];
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getValue().getArray();
            mean[i] = m.zeros(w.getShape(), w.getDataType());
            variance[i] = m.zeros(w.getShape(), w.getDataType());
        }
    }

    public long step() {
        return step;
    }

    /** One Adam step with learning rate {@code lr} on the gradients the last backward pass left (grad mode off); the engine kernel zeroes the gradients afterwards. */
    void update(float lr) {
        step++;
        float coef1 = 1f - (float) Math.pow(BETA1, step);
        float coef2 = 1f - (float) Math.pow(BETA2, step);
        float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getValue().getArray();
            try (NDArray g = w.getGradient()) {
                w.getNDArrayInternal().adamUpdate(new NDList(w, g, mean[i], variance[i]), new NDList(w),
                        corrected, lr, 0f, 1f, -1f, BETA1, BETA2, EPSILON, true, false);
            }
        }
    }

    /** Writes the step count and moments atomically. */
    public void save(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeLong(step);
            out.writeInt(params.size());
            for (int i = 0; i < params.size(); i++) {
                out.writeUTF(params.get(i).getKey());
                for (NDArray a : new NDArray[] {mean[i], variance[i]}) {
                    float[] v = a.toFloatArray();
                    out.writeInt(v.length);
                    for (float f : v) {
                        out.writeFloat(f);
                    }
                }
            }
        }
        AtomicOutput.write(file, bytes.toByteArray());
    }

    /** Restores what {@link #save} wrote; a file for another network is an InvalidInputException. */
    public void load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new InvalidInputException(file, "not a Calcify optimizer state");
            }
            long s = in.readLong();
            int n = in.readInt();
            if (n != params.size()) {
                throw new InvalidInputException(file, "optimizer state has " + n + " parameters, the network " + params.size());
            }
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                if (!name.equals(params.get(i).getKey())) {
                    throw new InvalidInputException(file, "optimizer state names " + name + ", the network " + params.get(i).getKey());
                }
                for (NDArray a : new NDArray[] {mean[i], variance[i]}) {
                    int len = in.readInt();
                    if (len != a.size()) {
                        throw new InvalidInputException(file, "optimizer state of " + name + " has " + len + " values, expected " + a.size());
                    }
                    float[] v = new float[len];
                    for (int k = 0; k < len; k++) {
                        v[k] = in.readFloat();
                    }
                    a.set(v);
                }
            }
            step = s;
        } catch (java.io.EOFException e) {
            throw new InvalidInputException(file, "optimizer state is truncated");
        }
    }
}
