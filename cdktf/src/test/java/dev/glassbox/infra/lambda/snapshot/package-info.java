/**
 * A stand-in for the JDK's CRaC API ({@code jdk.crac}) that org.crac delegates to when started with
 * {@code -Dorg.crac.Core.Compat=dev.glassbox.infra.lambda.snapshot}: it keeps the resources a
 * function registers and runs their checkpoint and restore hooks when asked, as SnapStart does
 * when it takes and resumes a snapshot. Only the names and signatures org.crac looks up are here.
 */
package dev.glassbox.infra.lambda.snapshot;
