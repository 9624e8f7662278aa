package io.govassist.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The Chinese tokenizations a {@link ClauseStore} can use for BM25. Every variant first applies
 * {@link ChineseText#normalize} (NFKC, lower case, question phrases blanked).
 *
 * <p>{@link #tokenize(String)} gives exactly the terms the Lucene {@link #newAnalyzer() analyzer} produces, so a store
 * without Lucene (PostgreSQL {@code tsvector} built from these tokens) indexes and queries identically.
 *
 * <p>Measured on STARD (1,223 layperson questions, gold articles among the 64,666 articles of the national laws,
 * BM25 only, {@code AnalyzerRecallBenchmark}):
 * <pre>
 *                        recall@10  recall@100  hit@10  MRR
 * CJK_BIGRAM               0.485      0.683     0.582  0.415
 * SMARTCN                  0.481      0.688     0.576  0.398
 * SMARTCN_PLUS_BIGRAM      0.501      0.700     0.596  0.424   (default)
 * stock Lucene CJKAnalyzer 0.483      0.683     0.581  0.413
 * stock SmartChineseAnal.  0.473      0.680     0.566  0.395
 * HanLP portable 1.8.6     0.482      0.691     0.578  0.396   (not shipped: no gain for an 8 MB dependency)
 * HanLP + bigrams          0.502      0.698     0.600  0.422
 * </pre>
 */
public enum LexicalAnalyzer {

    /** Overlapping CJK bigrams (StandardTokenizer + CJKBigramFilter); robust for unknown words, no dictionary. */
    CJK_BIGRAM {
        @Override
        Analyzer create() {
            return new NormalizingAnalyzer() {
                @Override
                protected TokenStreamComponents createComponents(String fieldName) {
                    Tokenizer source = new StandardTokenizer();
                    TokenStream stream = new CJKBigramFilter(new LowerCaseFilter(source));
                    return new TokenStreamComponents(source, stream);
                }
            };
        }
    },

    /** Lucene smartcn (HMM word segmentation) with Chinese function words removed. */
    SMARTCN {
        @Override
        Analyzer create() {
            return new NormalizingAnalyzer() {
                @Override
                protected TokenStreamComponents createComponents(String fieldName) {
                    Tokenizer source = new HMMChineseTokenizer();
                    TokenStream stream = new StopFilter(new LowerCaseFilter(source), SMARTCN_STOP_WORDS);
                    return new TokenStreamComponents(source, stream);
                }
            };
        }
    },

    /**
     * smartcn words followed by CJK bigrams of the same text, in one term list: words give precise matches,
     * bigrams recover what the segmenter splits differently in question and clause.
     */
    SMARTCN_PLUS_BIGRAM {
        @Override
        Analyzer create() {
            return new ConcatenatingAnalyzer(SMARTCN.create(), CJK_BIGRAM.create());
        }
    };

    /** The analyzer stores use unless configured otherwise (the best on the STARD lexical benchmark). */
    public static final LexicalAnalyzer DEFAULT = LexicalAnalyzer.SMARTCN_PLUS_BIGRAM;

    /** Chinese function words and question words that only add noise to BM25, plus smartcn's punctuation. */
    static final CharArraySet SMARTCN_STOP_WORDS;

    static {
        CharArraySet set = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
        for (String w : List.of("的", "地", "得", "了", "着", "过", "是", "和", "与", "或", "或者", "及", "以及", "在",
                "有", "吗", "呢", "吧", "啊", "呀", "请问", "也", "都", "就", "把", "被", "我", "我们", "你", "您",
                "他", "她", "它", "这", "那", "这个", "那个", "要", "会", "能", "一个", "什么", "怎么", "哪些",
                "如何", "是否", "谁", "哪", "多少")) {
            set.add(w);
        }
        SMARTCN_STOP_WORDS = CharArraySet.unmodifiableSet(set);
    }

    private volatile Analyzer shared;

    abstract Analyzer create();

    /** A new Lucene analyzer for this variant (thread-safe; close it when done). */
    public Analyzer newAnalyzer() {
        return create();
    }

    /** The terms of {@code text} in order (duplicates kept). Thread-safe. */
    public List<String> tokenize(String text) {
        return tokens(sharedAnalyzer(), text);
    }

    private Analyzer sharedAnalyzer() {
        Analyzer a = shared;
        if (a == null) {
            synchronized (this) {
                a = shared;
                if (a == null) {
                    a = create();
                    shared = a;
                }
            }
        }
        return a;
    }

    static List<String> tokens(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (term.length() > 0) {
                    out.add(term.toString());
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Applies {@link ChineseText#normalize} to the whole input before tokenization. */
    abstract static class NormalizingAnalyzer extends Analyzer {
        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new StringReader(ChineseText.normalize(readAll(reader)));
        }
    }

    static String readAll(Reader reader) {
        try {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[4096];
            int n;
            while ((n = reader.read(buf)) > 0) {
                sb.append(buf, 0, n);
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Emits the terms of several analyzers one after the other (positions only; offsets are not meaningful). */
    static final class ConcatenatingAnalyzer extends Analyzer {
        private final List<Analyzer> parts;

        ConcatenatingAnalyzer(Analyzer... parts) {
            this.parts = List.of(parts);
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            ListTokenizer source = new ListTokenizer(text -> {
                List<String> all = new ArrayList<>();
                for (Analyzer part : parts) {
                    all.addAll(tokens(part, text));
                }
                return all;
            });
            return new TokenStreamComponents(source);
        }

        @Override
        public void close() {
            parts.forEach(Analyzer::close);
            super.close();
        }
    }

    /** A tokenizer that reads its whole input and emits the terms a function computes from it. */
    static final class ListTokenizer extends Tokenizer {
        private final java.util.function.Function<String, List<String>> terms;
        private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offsetAtt = addAttribute(OffsetAttribute.class);
        private final PositionIncrementAttribute posAtt = addAttribute(PositionIncrementAttribute.class);
        private Iterator<String> pending = java.util.Collections.emptyIterator();
        private int length;

        ListTokenizer(java.util.function.Function<String, List<String>> terms) {
            this.terms = terms;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            String text = readAll(input);
            length = text.length();
            pending = terms.apply(text).iterator();
        }

        @Override
        public boolean incrementToken() {
            if (!pending.hasNext()) {
                return false;
            }
            clearAttributes();
            termAtt.setEmpty().append(pending.next());
            posAtt.setPositionIncrement(1);
            offsetAtt.setOffset(0, 0);
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            offsetAtt.setOffset(correctOffset(length), correctOffset(length));
        }
    }
}
