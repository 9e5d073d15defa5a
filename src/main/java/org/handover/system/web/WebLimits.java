package org.handover.system.web;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Request limits ({@code handover.web.*}): the largest body read whole, in bytes (uploads have the
 * part limits of {@code spring.servlet.multipart.*} instead).
 */
@Validated
@ConfigurationProperties("handover.web")
record WebLimits(@DefaultValue("2097152") @Min(65536) long maxBodyBytes) {}
