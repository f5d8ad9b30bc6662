package org.negotiationtimeline.timeline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    WriteToken writeToken(@Value("${timeline.write-token:}") String configured,
                          @Value("${timeline.data-dir}") Path dataDir) {
        return WriteToken.resolve(configured, dataDir);
    }

    @Bean
    FilterRegistrationBean<WriteAccessFilter> writeAccessFilter(WriteToken token,
                                                                @Value("${timeline.http.max-body-size}") DataSize maxBody,
                                                                @Value("${timeline.http.batch.max-body-size}") DataSize maxBatchBody,
                                                                ObjectMapper json) {
        FilterRegistrationBean<WriteAccessFilter> registration = new FilterRegistrationBean<>(
                new WriteAccessFilter(token, maxBody.toBytes(), maxBatchBody.toBytes(), json));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
