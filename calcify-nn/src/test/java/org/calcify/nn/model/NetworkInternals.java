package org.calcify.nn.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;

/** For tests of other packages: a network's parameters and its plain (unfolded) inference path. */
public final class NetworkInternals {
    private NetworkInternals() {
    }

    /** The network's parameters, BatchNorm running statistics included, to set in tests. */
    public static List<Pair<String, Parameter>> parameters(Network net) {
        return net.parameters();
    }

    /** Softmax of the logits of the unfolded forward pass in inference mode, row-major (batch x classes). */
    public static float[] unfoldedProbabilities(Network net, Batch batch) {
        try (NDManager m = net.manager().newSubManager()) {
            NDList in = net.inputs(m, batch);
            return net.logits(in, false).softmax(1).toFloatArray();
        }
    }
}
