package dev.multipool.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One {@code matchExpressions} entry of a Kubernetes label selector.
 *
 * @param key the label key
 * @param operator the operator
 * @param values the values ({@code In}/{@code NotIn} need at least one; {@code Exists} and
 *     {@code DoesNotExist} take none)
 */
public record LabelRequirement(String key, Operator operator, List<String> values) {

    /** The selector operators Kubernetes defines. */
    public enum Operator {
        /** The label is present with one of the values. */
        IN,
        /** The label is absent or has none of the values. */
        NOT_IN,
        /** The label is present. */
        EXISTS,
        /** The label is absent. */
        DOES_NOT_EXIST;

        /**
         * Parses Kubernetes' spelling ({@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}).
         *
         * @param text the operator text
         * @return the operator
         * @throws IllegalArgumentException for any other text
         */
        public static Operator parse(String text) {
            switch (String.valueOf(text)) {
                case "In":
                    return IN;
                case "NotIn":
                    return NOT_IN;
                case "Exists":
                    return EXISTS;
                case "DoesNotExist":
                    return DOES_NOT_EXIST;
                default:
                    throw new IllegalArgumentException("invalid label selector operator \"" + text + "\"");
            }
        }
    }

    /** Validates the parts against the operator. */
    public LabelRequirement {
        requireNonNull(key, "key is null");
        requireNonNull(operator, "operator is null");
        values = List.copyOf(requireNonNull(values, "values is null"));
        if (key.isEmpty()) {
            throw new IllegalArgumentException("label selector key is empty");
        }
        boolean needsValues = operator == Operator.IN || operator == Operator.NOT_IN;
        if (needsValues && values.isEmpty()) {
            throw new IllegalArgumentException("operator " + operator + " on key \"" + key + "\" needs values");
        }
        if (!needsValues && !values.isEmpty()) {
            throw new IllegalArgumentException("operator " + operator + " on key \"" + key + "\" takes no values");
        }
    }

    /**
     * Returns whether the labels satisfy this requirement.
     *
     * @param labels the labels of an object
     * @return the result
     */
    public boolean matches(Map<String, String> labels) {
        String value = labels.get(key);
        switch (operator) {
            case IN:
                return value != null && values.contains(value);
            case NOT_IN:
                return value == null || !values.contains(value);
            case EXISTS:
                return value != null;
            default:
                return value == null;
        }
    }
}
