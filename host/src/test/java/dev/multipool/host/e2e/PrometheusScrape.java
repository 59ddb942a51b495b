package dev.multipool.host.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a Prometheus text-format endpoint, parsed into samples (name, labels, value).
 *
 * @param samples every sample line
 */
record PrometheusScrape(List<Sample> samples) {

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /**
     * One sample.
     *
     * @param name the metric name as exposed (with {@code _total}, {@code _bucket}, ...)
     * @param labels its labels
     * @param value its value
     */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** Scrapes {@code http://<address>/metrics}. */
    static PrometheusScrape of(String address) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://" + address + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("scrape of " + address + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /** Parses the text format. */
    static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (matcher.group(2) != null) {
                Matcher label = LABEL.matcher(matcher.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
        }
        return new PrometheusScrape(samples);
    }

    /**
     * Returns the value of the sample with exactly these labels.
     *
     * @param name the exposed name
     * @param labels alternating label names and values
     * @return the value, or empty when there is no such sample
     */
    OptionalDouble value(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted))
                .mapToDouble(Sample::value).findFirst();
    }

    /** Returns the value of a sample, or 0 when absent (counters not yet incremented). */
    double valueOrZero(String name, String... labels) {
        return value(name, labels).orElse(0);
    }
}
