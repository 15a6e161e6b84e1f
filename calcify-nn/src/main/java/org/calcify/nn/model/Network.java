package org.calcify.nn.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calcify.io.AtomicOutput;
import org.calcify.io.InvalidInputException;

/**
 * A network on the PyTorch engine (CPU) with its config: a Calcify block (trainable) or an imported
 * TorchScript model (inference only). Engine arrays stay inside; callers see float arrays.
 */
public final class Network implements AutoCloseable {
    static final String ENGINE = "PyTorch";
    public static final String WEIGHTS = "model.params";

    static {
        // DJL logs through SLF4J; without a provider on the class path SLF4J would print three warnings per run
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        EngineSetup.beforeEngine();
    }

    private final ModelConfig config;
    private final Model model;
    private final Block block;
    /**
     * The engine's view of the parameters: it keeps the arrays of the first forward pass, so it is replaced
     * whenever {@link #loadWeights} gives the parameters new arrays.
     */
    private ParameterStore store;
    private final boolean torchScript;

    private Network(ModelConfig config, Model model, boolean torchScript) {
        this.config = config;
        this.model = model;
        this.block = model.getBlock();
        this.store = new ParameterStore(model.getNDManager(), false);
        this.torchScript = torchScript;
    }

    /** A new network with weights drawn from the engine's generator seeded with {@code seed}. */
    public static Network create(ModelConfig config, int seed) {
        Engine.getEngine(ENGINE).setRandomSeed(seed);
        Model model = Model.newInstance("calcify-" + config.architecture().id(), Device.cpu(), ENGINE);
        Block b = Networks.build(config);
        b.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        model.setBlock(b);
        b.initialize(model.getNDManager(), DataType.FLOAT32, Networks.inputShapes(config, 2));
        Network n = new Network(config, model, false);
        n.channelsLast();
        return n;
    }

    /** Loads a model folder: config.json and the weights it names (model.params or a TorchScript .pt). */
    public static Network load(Path dir) throws IOException {
        ModelConfig config = ModelConfig.load(dir);
        Path weights = dir.resolve(config.weights());
        if (!weights.normalize().startsWith(dir.normalize()) || !Files.isRegularFile(weights)) {
            throw new InvalidInputException(dir, "weights '" + config.weights() + "' named in config.json not found");
        }
        if (config.weights().endsWith(".pt") || config.weights().endsWith(".torchscript")) {
            Model model = Model.newInstance("torchscript", Device.cpu(), ENGINE);
            try {
                model.load(weights);
            } catch (MalformedModelException | RuntimeException e) {
                model.close();
                throw new InvalidInputException(weights, "not a TorchScript model the engine can load: " + oneLine(e));
            }
            return new Network(config, model, true);
        }
        Network n = create(config, 0);
        try {
            n.loadWeights(weights);
        } catch (IOException | RuntimeException e) {
            n.close();
            throw e;
        }
        return n;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    public ModelConfig config() {
        return config;
    }

    NDManager manager() {
        return model.getNDManager();
    }

    /** Trainable parameters in a fixed order (name, parameter). */
    List<Pair<String, Parameter>> trainable() {
        List<Pair<String, Parameter>> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Every parameter, BatchNorm running statistics included, in the order the weights file holds them. */
    List<Pair<String, Parameter>> parameters() {
        List<Pair<String, Parameter>> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.add(p);
        }
        return out;
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (Pair<String, Parameter> p : trainable()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    /**
     * The batch as engine arrays in the network's input order, in {@code m}. The values go through one
     * reused direct buffer per input (no fresh native allocation per batch); the arrays are valid until
     * the next call, which is how the training and inference loops use them.
     */
    NDList inputs(NDManager m, Batch b) {
        if (staging == null || staging.capacity() < b.size()) {
            staging = new StagedInputs(config, b.size());
        }
        staging.put(b);
        return staging.arrays(m, b.size());
    }

    private StagedInputs staging;

    /** Logits (batch, classes). */
    NDArray logits(NDList inputs, boolean training) {
        return checked(block.forward(store, inputs, training).get(0));
    }

    private NDArray checked(NDArray logits) {
        if (logits.getShape().dimension() != 2 || logits.getShape().get(1) != config.classCount()) {
            throw new IllegalStateException("the network returned " + logits.getShape() + ", expected (batch, " + config.classCount() + ")");
        }
        return logits;
    }

    /**
     * One training step: forward, class-weighted cross-entropy (weights per class), backward, Adam update.
     *
     * @return the batch loss (NaN or infinite: no update was made)
     */
    public double trainStep(AdamState adam, Batch batch, float lr, float[] classWeights) {
        try (NDManager sub = manager().newSubManager()) {
            NDList in = inputs(sub, batch);
            NDArray labels = sub.create(batch.classes(), new Shape(batch.size()));
            NDArray weights = sub.create(classWeights, new Shape(classWeights.length));
            double value;
            try (GradientCollector gc = Engine.getEngine(ENGINE).newGradientCollector()) {
                // gradients were zeroed by the previous Adam update (the engine kernel does it)
                NDArray logits = logits(in, true);
                NDArray onehot = labels.oneHot(config.classCount(), DataType.FLOAT32);
                NDArray w = onehot.mul(weights).sum(new int[] {1});
                NDArray loss = logits.logSoftmax(1).mul(onehot).sum(new int[] {1}).mul(w).sum().neg().div(w.sum());
                value = loss.getFloat();
                if (!Double.isFinite(value)) {
                    return value;
                }
                gc.backward(loss);
            }
            adam.update(lr);
            return value;
        }
    }

    /** Class probabilities (softmax) of a batch, row-major (batch x classes), without gradients. */
    public float[] probabilities(Batch b) {
        try (NDManager sub = manager().newSubManager()) {
            return probabilities(inputs(sub, b));
        }
    }

    /**
     * Class probabilities (softmax) of inputs in the network's order, row-major (batch x classes), in
     * inference mode (Calcify's networks with their BatchNorms folded into the convolutions,
     * {@link FusionNet#forwardFolded}) and with the engine's gradient recording off on this thread (it is on by default on
     * threads other than the one that loaded the engine); what the forward pass makes is attached to the
     * manager of the first input.
     */
    float[] probabilities(NDList inputs) {
        boolean recording = JniUtils.isGradMode();
        if (recording) {
            JniUtils.setGradMode(false);
        }
        try {
            NDArray logits = block instanceof FusionNet f ? checked(f.forwardFolded(store, inputs).get(0)) : logits(inputs, false);
            return logits.softmax(1).toType(DataType.FLOAT32, false).toFloatArray();
        } finally {
            if (recording) {
                JniUtils.setGradMode(true);
            }
        }
    }

    /**
     * Class probabilities of the first {@code n} staged samples from each network of an ensemble, row-major
     * (n x classes) per network: every network reads the same engine arrays, made once in a scope of the
     * first network's manager that is closed before returning.
     */
    public static float[][] probabilities(List<Network> nets, StagedInputs staged, int n) {
        try (NDManager sub = nets.get(0).manager().newSubManager()) {
            NDList in = staged.arrays(sub, n);
            float[][] out = new float[nets.size()][];
            for (int k = 0; k < out.length; k++) {
                out[k] = nets.get(k).probabilities(in);
            }
            return out;
        }
    }

    /** Saves the weights (with BatchNorm running statistics) atomically. */
    public void saveWeights(Path file) throws IOException {
        if (torchScript) {
            throw new IllegalStateException("TorchScript models are not saved by Calcify");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        AtomicOutput.write(file, bytes.toByteArray());
    }

    /** Loads weights saved by {@link #saveWeights}; a file of another architecture or size is an InvalidInputException. */
    public void loadWeights(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<Shape> before = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            before.add(p.getValue().getArray().getShape());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            block.loadParameters(manager(), in);
            if (in.available() != 0) {
                throw new MalformedModelException(in.available() + " bytes left over");
            }
        } catch (MalformedModelException | RuntimeException | java.io.EOFException e) {
            throw new InvalidInputException(file, "weights do not fit the " + config.architecture().id()
                    + " network of config.json (another architecture, size or class count?): " + oneLine(e));
        }
        int i = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter par = p.getValue();
            if (!par.getArray().getShape().equals(before.get(i++))) {
                throw new InvalidInputException(file, "weights do not fit the network of config.json: " + p.getKey() + " is "
                        + par.getArray().getShape() + ", expected " + before.get(i - 1));
            }
            if (par.requiresGradient()) {
                par.getArray().setRequiresGradient(true);
            }
        }
        channelsLast();
        // the loaded values are new arrays: a store that served a forward pass before would keep the old ones
        store = new ParameterStore(manager(), false);
    }

    /**
     * Lays the 3D convolution weights out channels-last (the engine's ChannelsLast3d strides: the values of
     * one spatial tap of all input channels side by side), which makes every feature map of the network
     * channels-last too: the engine's convolution then needs no layout conversions, and its max pooling,
     * batch norm and ReLU run their vectorised channels-last kernels. The maths are the same; the weights
     * keep their logical (out, in, z, y, x) shape, and are saved in that order.
     */
    private void channelsLast() {
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter par = p.getValue();
            NDArray w = par.getArray();
            if (w.getShape().dimension() != 5) {
                continue;
            }
            try (NDManager sub = manager().newSubManager()) {
                NDArray last = w.transpose(0, 2, 3, 4, 1);
                last.attach(sub);
                // reshape to one dimension cannot be a view of the transposed strides: it copies in (out, z, y, x, in) order
                NDArray packed = last.reshape(-1);
                packed.attach(sub);
                NDArray packedLast = packed.reshape(last.getShape());
                packedLast.attach(sub);
                NDArray view = packedLast.transpose(0, 4, 1, 2, 3);
                view.attach(sub);
                // a copy that keeps the strides (the engine's clone preserves a dense layout), not a view: the
                // optimizer updates the weights in place
                w.intern(view.duplicate());
            }
            if (par.requiresGradient()) {
                w.setRequiresGradient(true);
            }
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
