package io.govassist.chat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places a question names that the cited texts do not cover. "成都市2025年的最低工资标准是多少" answered from the
 * national 最低工资规定 quotes the general rule correctly but not Chengdu's figure, which the loaded documents do not
 * hold; the answer must say so. A place counts as covered when a cited clause or its document's title names it; a
 * year the question asks about ("2025年的标准") likewise, or by the document's 文号 (〔2018〕) or a cited heading.
 */
final class LocalCoverage {

    /** Provincial-level divisions and the larger cities, by the short names people use. */
    private static final List<String> PLACES = List.of(
            "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
            "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "内蒙古", "广西",
            "西藏", "宁夏", "新疆", "香港", "澳门", "台湾",
            "成都", "自贡", "攀枝花", "泸州", "德阳", "绵阳", "广元", "遂宁", "内江", "乐山", "南充", "眉山", "宜宾", "广安",
            "达州", "雅安", "巴中", "资阳", "阿坝", "甘孜", "凉山",
            "石家庄", "太原", "沈阳", "长春", "哈尔滨", "南京", "杭州", "合肥", "福州", "南昌", "济南", "郑州", "武汉", "长沙",
            "广州", "海口", "贵阳", "昆明", "西安", "兰州", "西宁", "呼和浩特", "南宁", "拉萨", "银川", "乌鲁木齐", "大连",
            "青岛", "宁波", "厦门", "深圳", "苏州", "无锡", "佛山", "东莞", "珠海", "温州", "徐州", "烟台", "唐山", "洛阳");
    private static final Pattern GAZETTEER = Pattern.compile(String.join("|", PLACES));
    /**
     * Other cities and counties by their suffix: 江油市, 大邑县. Not 区 or 州: 试验区, 自贸区, 销区, 开发区 are rarely
     * places, and the 州 cities people name are in the gazetteer.
     */
    private static final Pattern SUFFIXED = Pattern.compile("(\\p{IsHan}{2})(?:市|县)(?!场|民|政|级|委|里|内|外|区|长|城|域|辖|属|直)");
    /** A year the question asks about: 2025年, 1995年. */
    private static final Pattern YEAR = Pattern.compile("(?<!\\d)(?:19|20)\\d{2}(?=年)");
    /** Characters that make a "X市/X区" a generic word (城市, 本市, 设区的市, 小区, 社区, 辖区 …). */
    private static final Pattern GENERIC = Pattern.compile(
            "[的本全各该每级城超门社小辖园景街片郊市县区州省地特新老开发乡农村镇我你他她它这那哪此其某外国边跨在到去从和与及或是个两几多同]");

    private LocalCoverage() {
    }

    /** The first place {@code question} names that no citation (clause text or document title) mentions. */
    static Optional<String> uncoveredPlace(String question, List<Citation> citations) {
        for (String place : places(question)) {
            String name = place.endsWith("年") && Character.isDigit(place.charAt(0))
                    ? place.substring(0, place.length() - 1) : place;
            boolean covered = citations.stream().anyMatch(c -> c.documentTitle().contains(name)
                    || c.text() != null && c.text().contains(name)
                    || c.docNumber() != null && c.docNumber().contains(name)
                    || c.clausePath().stream().anyMatch(h -> h.contains(name)));
            if (!covered) {
                return Optional.of(place);
            }
        }
        return Optional.empty();
    }

    /** The places a question names, gazetteer names first, then the years it asks about (as "2025年"). */
    static List<String> places(String question) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        Matcher m = GAZETTEER.matcher(question);
        while (m.find()) {
            out.add(m.group());
        }
        Matcher s = SUFFIXED.matcher(question);
        while (s.find()) {
            String name = s.group(1);
            if (!GENERIC.matcher(name).find() && out.stream().noneMatch(name::contains)) {
                out.add(name);
            }
        }
        Matcher y = YEAR.matcher(question);
        while (y.find()) {
            out.add(y.group() + "年");
        }
        return List.copyOf(out);
    }
}
