package dev.multipool.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.LabelRequirement.Operator;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {

    private static final Map<String, String> GOLD = Map.of("tier", "gold", "app", "web");
    private static final Map<String, String> SILVER = Map.of("tier", "silver");
    private static final Map<String, String> NONE = Map.of();

    @Test
    @DisplayName("an empty selector matches everything, labelled or not")
    void emptyMatchesAll() {
        LabelSelector empty = LabelSelector.parse(Map.of());

        assertThat(empty.matches(GOLD)).isTrue();
        assertThat(empty.matches(NONE)).isTrue();
        assertThat(new LabelSelector(Map.of(), List.of()).matches(SILVER)).isTrue();
    }

    @Test
    @DisplayName("matchLabels needs every label with exactly that value")
    void matchLabels() {
        LabelSelector selector = LabelSelector.parse(Map.of("matchLabels", Map.of("tier", "gold", "app", "web")));

        assertThat(selector.matches(GOLD)).isTrue();
        assertThat(selector.matches(Map.of("tier", "gold"))).isFalse();
        assertThat(selector.matches(Map.of("tier", "GOLD", "app", "web"))).isFalse();
        assertThat(selector.matches(NONE)).isFalse();
    }

    @Test
    @DisplayName("In: present with one of the values")
    void in() {
        LabelSelector selector = expression("In", "gold", "platinum");
        assertThat(selector.matches(GOLD)).isTrue();
        assertThat(selector.matches(SILVER)).isFalse();
        assertThat(selector.matches(NONE)).isFalse();
    }

    @Test
    @DisplayName("NotIn: absent, or present with none of the values")
    void notIn() {
        LabelSelector selector = expression("NotIn", "gold");
        assertThat(selector.matches(GOLD)).isFalse();
        assertThat(selector.matches(SILVER)).isTrue();
        assertThat(selector.matches(NONE)).isTrue();
    }

    @Test
    @DisplayName("Exists and DoesNotExist look only at the key")
    void existence() {
        assertThat(expression("Exists").matches(SILVER)).isTrue();
        assertThat(expression("Exists").matches(NONE)).isFalse();
        assertThat(expression("DoesNotExist").matches(SILVER)).isFalse();
        assertThat(expression("DoesNotExist").matches(Map.of("other", "x"))).isTrue();
    }

    @Test
    @DisplayName("all parts are ANDed")
    void anded() {
        LabelSelector selector = LabelSelector.parse(Map.of("matchLabels", Map.of("app", "web"),
                "matchExpressions", List.of(Map.of("key", "tier", "operator", "In", "values", List.of("gold")),
                        Map.of("key", "legacy", "operator", "DoesNotExist"))));

        assertThat(selector.matches(GOLD)).isTrue();
        assertThat(selector.matches(Map.of("app", "web", "tier", "silver"))).isFalse();
        assertThat(selector.matches(Map.of("app", "web", "tier", "gold", "legacy", "y"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"in", "IN", "notin", "exists", "Near", "", "null"})
    @DisplayName("operators are Kubernetes' exact spelling; anything else is refused")
    void operatorSpelling(String text) {
        assertThatThrownBy(() -> Operator.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
        assertThat(Operator.parse("In")).isEqualTo(Operator.IN);
        assertThat(Operator.parse("NotIn")).isEqualTo(Operator.NOT_IN);
        assertThat(Operator.parse("Exists")).isEqualTo(Operator.EXISTS);
        assertThat(Operator.parse("DoesNotExist")).isEqualTo(Operator.DOES_NOT_EXIST);
    }

    @Test
    @DisplayName("values must fit the operator: In/NotIn need some, Exists/DoesNotExist take none")
    void valuesFitOperator() {
        assertThatThrownBy(() -> new LabelRequirement("tier", Operator.IN, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs values");
        assertThatThrownBy(() -> expression("NotIn")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> expression("Exists", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes no values");
        assertThatThrownBy(() -> new LabelRequirement("", Operator.EXISTS, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("malformed selectors are refused with the bad part named")
    void malformed() {
        assertThatThrownBy(() -> LabelSelector.parse("x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LabelSelector.parse(Map.of("matchLabels", List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matchLabels");
        assertThatThrownBy(() -> LabelSelector.parse(Map.of("matchLabels", Map.of("a", 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a=1");
        assertThatThrownBy(() -> LabelSelector.parse(Map.of("matchExpressions", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matchExpressions");
        assertThatThrownBy(() -> LabelSelector.parse(Map.of("matchExpressions", List.of(Map.of("operator",
                "Exists"))))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> LabelSelector.parse(Map.of("matchExpressions", List.of(Map.of("key", "k")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operator");
        assertThatThrownBy(() -> LabelSelector.parse(Map.of("matchExpressions", List.of(Map.of("key", "k",
                "operator", "In", "values", "gold"))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a list");
    }

    @Test
    @DisplayName("values that are not strings are refused instead of being turned into text such as \"null\"")
    void nonStringValuesRefused() {
        Map<String, Object> withNull = new HashMap<>(Map.of("key", "tier", "operator", "In"));
        withNull.put("values", Arrays.asList("gold", null));
        assertThatThrownBy(() -> LabelSelector.parse(Map.of("matchExpressions", List.of(withNull))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"tier\"");
        assertThatThrownBy(() -> LabelSelector.parse(Map.of("matchExpressions", List.of(Map.of("key", "tier",
                "operator", "In", "values", List.of(1L)))))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a selector copies its parts")
    void copies() {
        Map<String, String> labels = new HashMap<>(Map.of("a", "1"));
        LabelSelector selector = new LabelSelector(labels, List.of());
        labels.put("b", "2");

        assertThat(selector.matchLabels()).containsOnlyKeys("a");
        assertThatThrownBy(() -> selector.matchLabels().put("c", "3"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static LabelSelector expression(String operator, String... values) {
        Map<String, Object> expression = new HashMap<>(Map.of("key", "tier", "operator", operator));
        if (values.length > 0) {
            expression.put("values", List.of(values));
        }
        return LabelSelector.parse(Map.of("matchExpressions", List.of(expression)));
    }
}
