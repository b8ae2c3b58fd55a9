package dev.glassbox.infra;

import dev.glassbox.core.agent.Usage;
import dev.glassbox.core.cost.PriceTable;

/**
 * What the deployed stack costs: while idle, per month; what its metrics cost in a month with
 * answers; and per 1,000 answers by model. Prices are AWS on-demand list prices for us-east-1
 * (2025); model prices come from Glassbox's own price table. knowledge/costs.md states these
 * figures and their assumptions, and a test keeps the two in agreement.
 */
public final class CostModel {
    // CloudWatch's free tier, per account and month: assumed unused by anything else in the account.
    static final int FREE_ALARMS = 10;
    static final int FREE_DASHBOARDS = 3;
    static final double ALARM = 0.10;
    static final double DASHBOARD = 3.00;
    /** S3 (page, knowledge files, state), S3 Vectors, DynamoDB with point-in-time recovery, 14 days of logs. */
    static final double STORAGE_AND_LOGS = 0.05;
    /**
     * A custom metric (an EMF metric name with its dimension values) costs this for a month in which
     * it is published every hour, prorated by the hour: a metric nobody publishes costs nothing.
     */
    static final double CUSTOM_METRIC = 0.30;
    /**
     * The functions' EMF metrics: FirstTokenMs, OutputTokens, CostUsd, PostsPerAnswer, Declined,
     * Feedback per verdict (up, down), and Errors per error code (nine).
     */
    public static final int CUSTOM_METRICS = 5 + 2 + 9;

    // Per answer, assumed: a grounded prompt of 2,000 tokens, an answer of 300, streamed for 3 s.
    static final Usage TOKENS_PER_ANSWER = new Usage(2_000, 300);
    static final double HANDLER_GB_SECONDS = 2 * 0.1 * 0.5;
    static final double WORKER_GB_SECONDS = 6 * 1.0;
    static final int INVOCATIONS = 3;
    /** At most 20 posts a second for 3 s, plus the client's own messages. */
    static final int WEBSOCKET_MESSAGES = 62;
    static final double CONNECTION_MINUTES = 2;
    /** With the running answer's resume record written as it starts and removed as it ends. */
    static final int TABLE_WRITES = 8;
    /** With a look every 500 ms, for 3 s, at who reads the running answer (a resume may have moved it). */
    static final int TABLE_READS = 10;
    /**
     * The guardrail assesses the question (one text unit of up to 1,000 characters) and the answer
     * (two), with content filters and denied topics at $0.15 per 1,000 text units each.
     */
    static final int GUARDRAIL_TEXT_UNITS = 3;
    static final double GUARDRAIL_PER_TEXT_UNIT = 2 * 0.15 / 1_000;

    static final double LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;
    static final double LAMBDA_PER_REQUEST = 0.20 / 1e6;
    static final double WEBSOCKET_PER_MESSAGE = 1.00 / 1e6;
    static final double WEBSOCKET_PER_CONNECTION_MINUTE = 0.25 / 1e6;
    static final double DYNAMODB_PER_WRITE = 0.625 / 1e6;
    static final double DYNAMODB_PER_READ = 0.125 / 1e6;

    private final PriceTable prices = PriceTable.defaults();

    /** The monthly cost while nobody asks anything: nothing in the stack runs or bills per hour. */
    public double idleMonthlyUsd(int alarms, int dashboards) {
        return Math.max(0, alarms - FREE_ALARMS) * ALARM + Math.max(0, dashboards - FREE_DASHBOARDS) * DASHBOARD
                + STORAGE_AND_LOGS;
    }

    /** The most the functions' custom metrics cost in a month with answers in every hour. */
    public double busyMonthMetricsUsd() {
        return CUSTOM_METRICS * CUSTOM_METRIC;
    }

    /** The guardrail's charge for one answer. */
    public double guardrailPerAnswerUsd() {
        return GUARDRAIL_TEXT_UNITS * GUARDRAIL_PER_TEXT_UNIT;
    }

    /** The cost of 1,000 answers with {@code modelId}: model tokens, guardrail and AWS requests together. */
    public double per1000AnswersUsd(String modelId) {
        Double model = prices.costUsd(modelId, TOKENS_PER_ANSWER);
        if (model == null) {
            throw new IllegalArgumentException("no price for " + modelId);
        }
        double aws = (HANDLER_GB_SECONDS + WORKER_GB_SECONDS) * LAMBDA_ARM_PER_GB_SECOND
                + INVOCATIONS * LAMBDA_PER_REQUEST
                + WEBSOCKET_MESSAGES * WEBSOCKET_PER_MESSAGE
                + CONNECTION_MINUTES * WEBSOCKET_PER_CONNECTION_MINUTE
                + TABLE_WRITES * DYNAMODB_PER_WRITE
                + TABLE_READS * DYNAMODB_PER_READ;
        return 1_000 * (model + guardrailPerAnswerUsd() + aws);
    }
}
