package io.govassist.ingestion;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Sichuan AI+ plan (征求意见稿): half-width markers, 责任单位 with lead units before the comma. */
class PlanParsingTest {

    private final ParsedPolicy plan = Fixtures.read(Fixtures.PLAN);

    @Test
    void recognises_title_draft_status_issuer_and_date() {
        assertThat(plan.metadata().title()).contains("四川省贯彻落实国务院人工智能+行动实施方案");
        assertThat(plan.metadata().status()).isEqualTo(DocumentStatus.DRAFT);
        assertThat(plan.metadata().issuer()).isEqualTo("四川省科学技术厅");
        assertThat(plan.metadata().date()).isEqualTo("2025-11-18");
        // the 国发〔2025〕11号 in the notice is the cited opinion's number, not the plan's
        assertThat(plan.metadata().docNumber()).isNull();
    }

    @Test
    void has_one_clause_per_task_plus_preamble_goals_and_safeguards() {
        assertThat(plan.clauses()).hasSize(21);
        assertThat(plan.clauses()).extracting(Clause::label)
                .startsWith("前言", "一、", "二、（一）", "二、（二）")
                .endsWith("二、（十八）", "三、");
    }

    @Test
    void preamble_holds_the_notice_and_introduction() {
        Clause preamble = plan.clauses().getFirst();
        assertThat(preamble.label()).isEqualTo(Clause.PREAMBLE_LABEL);
        assertThat(preamble.path()).isEmpty();
        assertThat(preamble.markers()).isEmpty();
        assertThat(preamble.text()).contains("征求意见").contains("制定本方案");
    }

    @Test
    void half_width_markers_become_full_width_paths() {
        Clause c = Fixtures.clause(plan, "二、（十五）");
        assertThat(c.path()).containsExactly("二、重点任务", "（十五）人工智能+政务服务");
        assertThat(c.markers()).containsExactly("二、", "（十五）");
        assertThat(c.text()).startsWith("（十五）人工智能+政务服务。推进政务领域智能支撑能力建设")
                .endsWith("（责任单位：省政务服务和资源交易服务中心）");
    }

    @Test
    void parses_single_responsible_unit_as_lead() {
        ResponsibleUnits units = Fixtures.clause(plan, "二、（十五）").responsibleUnits();
        assertThat(units.lead()).containsExactly("省政务服务和资源交易服务中心");
        assertThat(units.cooperating()).isEmpty();
    }

    @Test
    void parses_responsible_units_with_lead_before_comma() {
        ResponsibleUnits units = Fixtures.clause(plan, "二、（十）").responsibleUnits();
        assertThat(units.lead()).containsExactly("省卫生健康委");
        assertThat(units.cooperating()).containsExactly("省药监局", "省医保局");
    }

    @Test
    void strips_the_lead_unit_remark_inside_square_brackets() {
        Clause c = Fixtures.clause(plan, "二、（二）");
        assertThat(c.responsibleUnits().lead()).containsExactly("经济和信息化厅");
        assertThat(c.responsibleUnits().cooperating()).containsExactly("省发展改革委", "省国资委", "科技厅");
        assertThat(c.responsibleUnits().cooperating()).noneMatch(u -> u.contains("逗号") || u.contains("下同"));
        // the 责任单位 sentence stays in the clause text
        assertThat(c.text()).endsWith("〔责任单位：经济和信息化厅，省发展改革委、省国资委、科技厅（逗号前为牵头单位，下同）〕");
    }

    @Test
    void several_lead_units_before_the_comma() {
        ResponsibleUnits units = Fixtures.clause(plan, "二、（十七）").responsibleUnits();
        assertThat(units.lead()).containsExactly("公安厅", "省委网信办");
        assertThat(units.cooperating()).containsExactly("科技厅");
    }

    @Test
    void clauses_without_unit_statement_have_none() {
        assertThat(Fixtures.clause(plan, "一、").responsibleUnits()).isEqualTo(ResponsibleUnits.NONE);
        assertThat(Fixtures.clause(plan, "一、").path()).isEqualTo(List.of("一、发展目标"));
    }

    @Test
    void output_is_deterministic() {
        ParsedPolicy again = Fixtures.read(Fixtures.PLAN);
        assertThat(again).isEqualTo(plan);
        assertThat(again.contentHash()).isEqualTo(Ids.sha256(Fixtures.bytes(Fixtures.PLAN)));
    }
}
