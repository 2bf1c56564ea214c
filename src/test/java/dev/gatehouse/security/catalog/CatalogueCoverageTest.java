package dev.gatehouse.security.catalog;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code catalogue.tsv} and SECURITY.md's attack catalogue from drifting apart (SECURITY
 * §2.11): every id of §2.1 to §2.8 but §2.9 (the console) is in the table exactly once, under its
 * section; every {@code tested} row names a test method that exists — and, for the catalogue's
 * own classes, a class that mentions the id; every other row gives its reason.
 */
class CatalogueCoverageTest {

    /** Resolved against the project directory, as CI checks it out beside the shared documents. */
    private static final Path SECURITY_MD = Path.of("..", "shared", "SECURITY.md");
    private static final Set<String> SECTIONS = Set.of("2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8");
    private static final Set<String> STATUSES = Set.of("tested", "not-applicable", "later-issue");
    private static final Pattern HEADING = Pattern.compile("^### (\\d+\\.\\d+) .*");
    private static final Pattern ROW_ID = Pattern.compile("^\\| ([A-Z]{2}-\\d{2}) \\|");
    private static final Pattern ID = Pattern.compile("[A-Z]{2}-\\d{2}");

    /** One row of the table. */
    record Row(String id, String section, String status, String reference, String note) {
    }

    @Test
    void tableWhenReadThenWellFormedAndEachIdOnce() throws IOException {
        List<Row> rows = table();
        assertThat(rows).isNotEmpty();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Row row : rows) {
            if (!seen.add(row.id())) {
                problems.add(row.id() + ": listed more than once");
            }
            if (!ID.matcher(row.id()).matches()) {
                problems.add(row.id() + ": not an id");
            }
            if (!STATUSES.contains(row.status())) {
                problems.add(row.id() + ": unknown status " + row.status());
            }
            if (row.reference().isBlank()) {
                problems.add(row.id() + ": names neither a test nor a reason");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void securityMdWhenParsedThenEveryCatalogueIdInTheTableOnceUnderItsSection() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(SECURITY_MD),
                "SECURITY.md not found at " + SECURITY_MD.toAbsolutePath().normalize() + "; catalogue coverage not checked");
        String markdown = Files.readString(SECURITY_MD, StandardCharsets.UTF_8);
        Map<String, String> documented = catalogueIds(markdown);
        assertThat(documented).as("ids parsed from SECURITY.md").hasSizeGreaterThan(50);

        Map<String, Row> rows = new LinkedHashMap<>();
        table().forEach(r -> rows.put(r.id(), r));
        List<String> problems = new ArrayList<>();
        documented.forEach((id, section) -> {
            if (!rows.containsKey(id)) {
                problems.add(id + " (§" + section + ") is missing from catalogue.tsv");
            } else if (!rows.get(id).section().equals(section)) {
                problems.add(id + " is in §" + section + ", the table says §" + rows.get(id).section());
            }
        });
        // Rows beyond those sections (ids SECURITY.md names elsewhere, such as §5) must be real ids.
        for (Row row : rows.values()) {
            if (!documented.containsKey(row.id())) {
                if (SECTIONS.contains(row.section())) {
                    problems.add(row.id() + " claims §" + row.section() + " but is not in its table");
                }
                if (!markdown.contains(row.id())) {
                    problems.add(row.id() + " is not named anywhere in SECURITY.md");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void testedRowsWhenResolvedThenTheTestMethodExists() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Row row : table()) {
            if (!row.status().equals("tested")) {
                continue;
            }
            String[] parts = row.reference().split("#");
            if (parts.length != 2) {
                problems.add(row.id() + ": reference is not Class#method: " + row.reference());
                continue;
            }
            Class<?> type;
            try {
                type = Class.forName("dev.gatehouse." + parts[0]);
            } catch (ClassNotFoundException e) {
                problems.add(row.id() + ": no test class dev.gatehouse." + parts[0]);
                continue;
            }
            boolean found = Arrays.stream(type.getDeclaredMethods()).map(Method::getName).anyMatch(parts[1]::equals);
            if (!found) {
                problems.add(row.id() + ": no method " + parts[1] + " in " + type.getName());
            }
            if (type.getPackage().equals(getClass().getPackage()) && !source(type).contains(row.id())) {
                problems.add(row.id() + ": " + type.getSimpleName() + " never mentions the id");
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The catalogue parser itself: headings, rows, and that §2.10 is not read as §2.1. */
    @Test
    void parserWhenGivenSectionsThenOnlyCatalogueRowsOfTheChosenSections() {
        String markdown = String.join("\n",
                "### 2.1 Token endpoint", "| ID | target |", "|---|---|", "| TE-01 | token |", "see TE-99 in prose",
                "### 2.9 Console", "| UI-01 | console |",
                "### 2.8 Secrets", "| LG-02 | x |",
                "### 2.10 Storage", "| MN-01 | all |");
        assertThat(catalogueIds(markdown)).containsExactly(Map.entry("TE-01", "2.1"), Map.entry("LG-02", "2.8"));
    }

    private static Map<String, String> catalogueIds(String markdown) {
        Map<String, String> ids = new LinkedHashMap<>();
        String section = null;
        for (String line : markdown.split("\n")) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                section = heading.group(1);
            } else if (line.startsWith("## ")) {
                section = null;
            }
            Matcher row = ROW_ID.matcher(line);
            if (section != null && SECTIONS.contains(section) && row.find()) {
                assertThat(ids.put(row.group(1), section)).as("SECURITY.md lists " + row.group(1) + " twice").isNull();
            }
        }
        return ids;
    }

    private static List<Row> table() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = CatalogueCoverageTest.class.getResourceAsStream("catalogue.tsv")) {
            assertThat(in).as("catalogue.tsv on the test classpath").isNotNull();
            boolean header = true;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    assertThat(line).isEqualTo("id\tsection\tstatus\treference\tnote");
                    header = false;
                    continue;
                }
                String[] cells = line.split("\t", -1);
                assertThat(cells.length).as(line).isBetween(4, 5);
                rows.add(new Row(cells[0], cells[1], cells[2], cells[3], cells.length > 4 ? cells[4] : ""));
            }
        }
        return rows;
    }

    private static String source(Class<?> type) throws IOException {
        Path file = Path.of("src", "test", "java", type.getName().replace('.', '/') + ".java");
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
