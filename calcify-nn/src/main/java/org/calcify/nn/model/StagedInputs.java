package org.calcify.nn.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A batch of network inputs in direct, native-order buffers that are reused from batch to batch: one
 * buffer per input of the network (image inputs, then EMR), each holding up to {@code capacity} samples
 * as float32 in C order. The engine's arrays are views of these buffers (no copy, no native allocation
 * per batch), so a buffer must not be refilled while arrays made from it are still in use.
 */
public final class StagedInputs {
    private final ModelConfig config;
    private final int capacity;
    private final Shape[] sampleShapes;
    private final int[] lengths;
    private final ByteBuffer[] buffers;

    /** Buffers for up to {@code capacity} samples of the inputs of {@code config}. */
    public StagedInputs(ModelConfig config, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.config = config;
        this.capacity = capacity;
        Shape[] shapes = Networks.inputShapes(config, 1);
        sampleShapes = new Shape[shapes.length];
        lengths = new int[shapes.length];
        buffers = new ByteBuffer[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            sampleShapes[i] = shapes[i].slice(1);
            lengths[i] = Math.toIntExact(shapes[i].size());
            buffers[i] = ByteBuffer.allocateDirect(Math.multiplyExact(Math.multiplyExact(lengths[i], capacity), Float.BYTES))
                    .order(ByteOrder.nativeOrder());
        }
    }

    ModelConfig config() {
        return config;
    }

    public int capacity() {
        return capacity;
    }

    /** Number of inputs (image inputs, then EMR when the network takes it). */
    public int inputs() {
        return lengths.length;
    }

    /** Floats per sample of input {@code i}. */
    public int length(int i) {
        return lengths[i];
    }

    /** Input {@code i} for writing with absolute puts: sample s starts at {@code s * length(i)}. */
    public FloatBuffer floats(int i) {
        return buffers[i].duplicate().order(ByteOrder.nativeOrder()).clear().asFloatBuffer();
    }

    /** Copies a batch built by the data loader in (its images, then its EMR values). */
    public void put(Batch b) {
        if (b.size() > capacity) {
            throw new IllegalArgumentException("batch of " + b.size() + " samples, room for " + capacity);
        }
        int images = b.images().length;
        for (int i = 0; i < lengths.length; i++) {
            float[] values = i < images ? b.images()[i] : b.emr();
            if (values.length != b.size() * lengths[i]) {
                throw new IllegalArgumentException("input " + i + " has " + values.length + " values, expected " + b.size() * lengths[i]);
            }
            floats(i).put(0, values);
        }
    }

    /**
     * The first {@code n} samples as engine arrays in the network's input order, in {@code m}: views of
     * the buffers, valid until the buffers are refilled.
     */
    NDList arrays(NDManager m, int n) {
        if (n < 1 || n > capacity) {
            throw new IllegalArgumentException("batch of " + n + " samples, room for 1.." + capacity);
        }
        NDList in = new NDList(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            ByteBuffer view = buffers[i].duplicate().order(ByteOrder.nativeOrder());
            view.clear().limit(n * lengths[i] * Float.BYTES);
            in.add(m.create(view, new Shape(n).addAll(sampleShapes[i]), DataType.FLOAT32));
        }
        return in;
    }
}
