package dev.multipool.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DocumentationTool;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.ExtensionPoint;

/**
 * The SPI is the page a third party reads: the JDK's javadoc, with every doclint check on, must
 * find nothing to complain about in it. One exception: a record's compact constructor documents
 * its parameters once, in the record's own {@code @param} tags, so "no @param" on such a
 * constructor is not a finding.
 */
class SpiJavadocTest {

    private static final Pattern WARNING = Pattern.compile("^(.+\\.java):(\\d+): (warning|error): (.*)$");
    private static final Pattern COMPACT_CONSTRUCTOR = Pattern.compile("^\\s*public (\\w+) \\{\\s*$");

    @TempDir
    Path out;

    @Test
    @DisplayName("javadoc -Xdoclint:all finds every public type and member of the SPI documented")
    void everyPublicTypeAndMemberIsDocumented() throws IOException, URISyntaxException {
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        Path pf4j = Path.of(ExtensionPoint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javadoc.run(null, messages, messages, "-Xdoclint:all", "-quiet", "-d", out.toString(),
                "-sourcepath", Path.of("src", "main", "java").toString(), "-classpath", pf4j.toString(),
                "dev.multipool.api");

        List<String> findings = new ArrayList<>();
        for (String line : messages.toString(StandardCharsets.UTF_8).split("\\R")) {
            Matcher warning = WARNING.matcher(line);
            if (warning.matches() && !onCompactConstructor(warning)) {
                findings.add(line);
            }
        }
        assertThat(findings).as("doclint findings").isEmpty();
        assertThat(status).as("javadoc exit status; output:%n%s", messages).isZero();
    }

    private static boolean onCompactConstructor(Matcher warning) throws IOException {
        if (!warning.group(4).startsWith("no @param for ")) {
            return false;
        }
        List<String> source = Files.readAllLines(Path.of(warning.group(1)));
        return COMPACT_CONSTRUCTOR.matcher(source.get(Integer.parseInt(warning.group(2)) - 1)).matches();
    }
}
