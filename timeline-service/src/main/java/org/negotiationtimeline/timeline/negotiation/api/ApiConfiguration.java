package org.negotiationtimeline.timeline.negotiation.api;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WriteLimits.class, ReadService.class})
class ApiConfiguration {
}
