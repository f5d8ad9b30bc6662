package org.negotiationtimeline.timeline.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RequestLogContext()).addPathPatterns("/api/**");
    }

    @Bean
    WriteToken writeToken(@Value("${timeline.write-token:}") String configured,
                          @Value("${timeline.data-dir}") Path dataDir) {
        return WriteToken.resolve(configured, dataDir);
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(@Value("${timeline.http.max-body-size}") DataSize maxBody,
                                                            @Value("${timeline.http.batch.max-body-size}") DataSize maxBatchBody,
                                                            ObjectMapper json) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(
                new BodyLimitFilter(maxBody.toBytes(), maxBatchBody.toBytes(), json));
        registration.addUrlPatterns("/*");
        // Right after Spring Security's chain: its firewall has seen the path, and anonymous writes are gone.
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return ProblemErrorReportValve.installer();
    }
}
