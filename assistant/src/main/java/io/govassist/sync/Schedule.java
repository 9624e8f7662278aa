package io.govassist.sync;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.scheduling.support.PeriodicTrigger;

import java.time.Duration;

/**
 * A source's schedule, as an administrator writes it: an interval ({@code 6h}, {@code 30m}, {@code 1d}: every so
 * long, the first run one interval after start) or a Spring cron expression with six fields (second minute hour
 * day month weekday, e.g. {@code 0 0 3 * * *} for 03:00 every day, server time zone).
 */
record Schedule(String text, Duration interval, String cron) {

    /** Parses a schedule; blank means none. Throws {@link IllegalArgumentException} with a Chinese message. */
    static Schedule parse(String text, Duration minInterval) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.length() > 100) {
            throw new IllegalArgumentException("同步计划过长（最多 100 个字符）");
        }
        if (CronExpression.isValidExpression(t)) {
            return new Schedule(t, null, t);
        }
        Duration interval;
        try {
            interval = DurationStyle.SIMPLE.parse(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("同步计划无法识别：" + t
                    + "。请填写间隔（如 6h、30m、1d）或 6 段 cron 表达式（如 0 0 3 * * *）");
        }
        if (interval.compareTo(minInterval) < 0) {
            throw new IllegalArgumentException("同步间隔不能短于 " + minInterval.toMinutes() + " 分钟");
        }
        return new Schedule(t, interval, null);
    }

    Trigger trigger() {
        if (cron != null) {
            return new CronTrigger(cron);
        }
        PeriodicTrigger periodic = new PeriodicTrigger(interval);
        periodic.setFixedRate(false);
        periodic.setInitialDelay(interval);
        return periodic;
    }
}
