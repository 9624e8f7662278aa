package io.govassist.ingestion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads test fixtures from {@code src/test/resources/fixtures}. */
final class Fixtures {

    static final String PLAN = "plan/四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt";
    static final String REGULATION = "laws/政府信息公开条例(2019-04-03).md";
    /** 国办发〔2018〕123号, 一、（一）1. structure; rendered as derived_02.docx/pdf. */
    static final String GOVCN_17_TXT = "govcn/govcn_17_5352666.txt";
    static final String GOVCN_17_HTML = "govcn/govcn_17_5352666.html";
    /** 国办发〔2019〕4号, 一、（一） and an attachment table. */
    static final String GOVCN_04_TXT = "govcn/govcn_04_5362266.txt";
    /** 国办发〔1997〕11号, 一、（一）1.（1） depth. */
    static final String GOVCN_50_TXT = "govcn/govcn_50_5345293.txt";
    static final String GOVCN_13_TXT = "govcn/govcn_13_5354528.txt";
    /** 国发〔2018〕39号, 促进就业意见: 5 sections, sub-items （一）…（十五） numbered across them. */
    static final String GOVCN_39_TXT = "govcn/govcn_39_5345808.txt";
    /** An image-only scan of {@link #GOVCN_39_TXT} (7 pages, no text layer), made by {@link ScanFixtureGenerator}. */
    static final String SCAN_39_PDF = "derived/scan_39.pdf";

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedPolicy read(String name) {
        return new PolicyReader().read(name, bytes(name));
    }

    static PolicyStructure structure(String name) {
        return new PolicyReader().structure(name, bytes(name));
    }

    static Clause clause(ParsedPolicy policy, String label) {
        return policy.clauses().stream().filter(c -> c.label().equals(label) && c.part() <= 1).findFirst()
                .orElseThrow(() -> new AssertionError("no clause " + label + " in " + policy.source()));
    }
}
