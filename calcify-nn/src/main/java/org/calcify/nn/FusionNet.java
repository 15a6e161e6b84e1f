package org.calcify.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
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
