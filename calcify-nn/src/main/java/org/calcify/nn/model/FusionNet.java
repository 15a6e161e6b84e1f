package org.calcify.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Image branches, each turning one input into a feature vector (batch, f), joined with the
 * standardised EMR features (batch, k) when present, then a head giving logits (batch, classes).
 * Inputs in order: one array per branch, then EMR (if {@code emrFeatures > 0}).
 */
final class FusionNet extends AbstractBlock {
    private static final byte VERSION = 1;
    private final List<Block> branches = new ArrayList<>();
    private final Block head;
    private final int emrFeatures;

    FusionNet(List<Block> branches, Block head, int emrFeatures) {
        super(VERSION);
        for (int i = 0; i < branches.size(); i++) {
            this.branches.add(addChildBlock("branch" + i, branches.get(i)));
        }
        this.head = addChildBlock("head", head);
        this.emrFeatures = emrFeatures;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        checkInputs(inputs.size());
        NDList features = new NDList();
        for (int i = 0; i < branches.size(); i++) {
            features.add(branches.get(i).forward(ps, new NDList(inputs.get(i)), training, params).singletonOrThrow());
        }
        if (emrFeatures > 0) {
            features.add(inputs.get(branches.size()));
        }
        NDArray joined = features.size() == 1 ? features.get(0) : NDArrays.concat(features, 1);
        return head.forward(ps, new NDList(joined), training, params);
    }

    /**
     * The inference forward pass (running statistics) with every BatchNorm that follows a convolution folded
     * into it: the convolution runs with weights scaled per output channel by gamma / sqrt(var + eps) and a
     * bias shifted to match, so the normalisation costs no pass over the feature maps. The same function as
     * {@code forward(ps, inputs, false)} up to float rounding.
     */
    NDList forwardFolded(ParameterStore ps, NDList inputs) {
        checkInputs(inputs.size());
        NDList features = new NDList();
        for (int i = 0; i < branches.size(); i++) {
            features.add(folded(branches.get(i), ps, new NDList(inputs.get(i))).singletonOrThrow());
        }
        if (emrFeatures > 0) {
            features.add(inputs.get(branches.size()));
        }
        NDArray joined = features.size() == 1 ? features.get(0) : NDArrays.concat(features, 1);
        return folded(head, ps, new NDList(joined));
    }

    private static NDList folded(Block block, ParameterStore ps, NDList x) {
        if (!(block instanceof SequentialBlock seq)) {
            return block.forward(ps, x, false);
        }
        List<Block> children = seq.getChildren().values();
        for (int i = 0; i < children.size(); i++) {
            Block c = children.get(i);
            if (c instanceof Convolution conv && i + 1 < children.size() && children.get(i + 1) instanceof BatchNorm bn) {
                x = foldedConvolution(conv, bn, x.singletonOrThrow());
                i++;
            } else {
                x = c.forward(ps, x, false);
            }
        }
        return x;
    }

    private static NDList foldedConvolution(Convolution conv, BatchNorm bn, NDArray x) {
        // copies of the (small) parameters in the input's manager: everything made here is freed with the batch
        NDManager m = x.getManager();
        var bnParams = bn.getParameters();
        NDArray w = local(m, conv.getParameters().get("weight").getArray());
        NDArray scale = local(m, bnParams.get("gamma").getArray()).div(local(m, bnParams.get("runningVar").getArray()).add(Networks.BN_EPSILON).sqrt());
        NDArray bias = conv.isIncludeBias() ? local(m, conv.getParameters().get("bias").getArray()) : m.zeros(scale.getShape());
        NDArray shift = bias.sub(local(m, bnParams.get("runningMean").getArray())).mul(scale).add(local(m, bnParams.get("beta").getArray()));
        long[] perChannel = new long[w.getShape().dimension()];
        java.util.Arrays.fill(perChannel, 1);
        perChannel[0] = -1;
        NDArray scaled = w.mul(scale.reshape(perChannel));
        return conv instanceof Conv3d
                ? Conv3d.conv3d(x, scaled, shift, conv.getStride(), conv.getPadding(), conv.getDilation(), conv.getGroups())
                : Conv2d.conv2d(x, scaled, shift, conv.getStride(), conv.getPadding(), conv.getDilation(), conv.getGroups());
    }

    private static NDArray local(NDManager m, NDArray parameter) {
        NDArray copy = parameter.duplicate();
        copy.attach(m);
        return copy;
    }

    private void checkInputs(int n) {
        int want = branches.size() + (emrFeatures > 0 ? 1 : 0);
        if (n != want) {
            throw new IllegalArgumentException("network takes " + want + " inputs, got " + n);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(new Shape[] {joinedShape(inputShapes)});
    }

    private Shape joinedShape(Shape[] inputShapes) {
        checkInputs(inputShapes.length);
        long batch = inputShapes[0].get(0);
        long f = emrFeatures;
        for (int i = 0; i < branches.size(); i++) {
            f += branches.get(i).getOutputShapes(new Shape[] {inputShapes[i]})[0].get(1);
        }
        return new Shape(batch, f);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (int i = 0; i < branches.size(); i++) {
            branches.get(i).initialize(manager, dataType, inputShapes[i]);
        }
        head.initialize(manager, dataType, joinedShape(inputShapes));
    }
}
