package org.calcify.io.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The one number policy of Calcify's JSON and CSV files: a {@code double} or {@code float} that is NaN or
 * infinite is written as null (an empty CSV field) and a null, an empty field, {@code nan} or {@code NaN}
 * is read back as NaN ({@code inf} and {@code Infinity}, which older Calcify CSVs hold, as infinities);
 * {@link Decimals} fixes the decimals written.
 */
public final class NumberPolicy {
    private NumberPolicy() {
    }

    /** The Jackson module that applies the policy. */
    static SimpleModule module() {
        SimpleModule m = new SimpleModule("calcify-numbers");
        FloatingSerializer ser = new FloatingSerializer(-1);
        m.addSerializer(Double.class, ser);
        m.addSerializer(Double.TYPE, ser);
        m.addSerializer(Float.class, ser);
        m.addSerializer(Float.TYPE, ser);
        m.addSerializer(double[].class, new DoubleArraySerializer());
        m.addSerializer(float[].class, new FloatArraySerializer());
        m.addDeserializer(Double.class, new DoubleDeserializer(Double.class));
        m.addDeserializer(Double.TYPE, new DoubleDeserializer(Double.TYPE));
        m.addDeserializer(double[].class, new DoubleArrayDeserializer());
        return m;
    }

    /** {@code v} rounded half-up to {@code decimals} decimals, for tables written with fixed decimals; null when not finite. */
    public static BigDecimal fixed(double v, int decimals) {
        return Double.isFinite(v) ? new BigDecimal(v).setScale(decimals, RoundingMode.HALF_UP) : null;
    }

    /** {@code v} rounded half-even to {@code digits} significant digits (as {@code %.Ng}); null when not finite. */
    public static BigDecimal significant(double v, int digits) {
        return Double.isFinite(v) ? new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN)) : null;
    }

    /**
     * Parses a number as the policy reads it: empty, {@code nan}, {@code NaN} or {@code null} is NaN,
     * {@code inf}, {@code Infinity} (either sign) an infinity, else Java's {@link Double#parseDouble}.
     *
     * @throws NumberFormatException when it is none of these
     */
    public static double parse(String text) {
        String t = text.trim();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "", "nan", "null" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                if (!t.isEmpty() && Character.isLetter(t.charAt(t.length() - 1))) {
                    throw new NumberFormatException(t); // Java's 1d, 2f: not numbers in a file
                }
                return Double.parseDouble(t);
            }
        }
    }

    private static final class FloatingSerializer extends StdSerializer<Number> {
        private final int decimals;

        FloatingSerializer(int decimals) {
            super(Number.class);
            this.decimals = decimals;
        }

        @Override
        public void serialize(Number value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            double d = value.doubleValue();
            if (!Double.isFinite(d)) {
                g.writeNull();
            } else if (decimals >= 0) {
                g.writeNumber(String.format(Locale.ROOT, "%." + decimals + "f", d));
            } else if (value instanceof Float f) {
                g.writeNumber(f.floatValue());
            } else {
                g.writeNumber(d);
            }
        }

        @Override
        public ValueSerializer<?> createContextual(SerializationContext ctxt, BeanProperty property) {
            Decimals a = property == null ? null : property.getAnnotation(Decimals.class);
            if (a == null || a.value() == decimals) {
                return this;
            }
            if (a.value() < 0 || a.value() > 17) {
                throw new IllegalArgumentException("@Decimals(" + a.value() + ") on " + property.getName() + " is not 0..17");
            }
            return new FloatingSerializer(a.value());
        }
    }

    private static final class DoubleArraySerializer extends StdSerializer<double[]> {
        DoubleArraySerializer() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            g.writeStartArray(value, value.length);
            for (double d : value) {
                if (Double.isFinite(d)) {
                    g.writeNumber(d);
                } else {
                    g.writeNull();
                }
            }
            g.writeEndArray();
        }
    }

    private static final class FloatArraySerializer extends StdSerializer<float[]> {
        FloatArraySerializer() {
            super(float[].class);
        }

        @Override
        public void serialize(float[] value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            g.writeStartArray(value, value.length);
            for (float d : value) {
                if (Float.isFinite(d)) {
                    g.writeNumber(d);
                } else {
                    g.writeNull();
                }
            }
            g.writeEndArray();
        }
    }

    private static final class DoubleDeserializer extends StdDeserializer<Double> {
        DoubleDeserializer(Class<?> type) {
            super(type);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            return read(p, ctxt);
        }

        static double read(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDoubleValue();
            }
            if (t == JsonToken.VALUE_NULL) {
                return Double.NaN;
            }
            if (t == JsonToken.VALUE_STRING) {
                String s = p.getString();
                try {
                    return parse(s);
                } catch (NumberFormatException e) {
                    throw ctxt.weirdStringException(s, Double.class, "not a number");
                }
            }
            return (Double) ctxt.handleUnexpectedToken(Double.class, p);
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }

    private static final class DoubleArrayDeserializer extends StdDeserializer<double[]> {
        DoubleArrayDeserializer() {
            super(double[].class);
        }

        @Override
        public double[] deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                return (double[]) ctxt.handleUnexpectedToken(double[].class, p);
            }
            double[] out = new double[8];
            int n = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (n == out.length) {
                    out = java.util.Arrays.copyOf(out, 2 * n);
                }
                out[n++] = DoubleDeserializer.read(p, ctxt);
            }
            return java.util.Arrays.copyOf(out, n);
        }
    }
}
