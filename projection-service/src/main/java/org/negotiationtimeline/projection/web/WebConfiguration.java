package org.negotiationtimeline.projection.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.core.StandardHost;
import org.negotiationtimeline.projection.consuming.AppliedPositions;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({QuerySettings.class, ConsistencySettings.class})
class WebConfiguration implements WebMvcConfigurer {

    /** After Spring Security's chain (order -100): only a client allowed to read may wait. */
    @Bean
    FilterRegistrationBean<ReadYourWritesFilter> readYourWrites(AppliedPositions positions, ConsistencySettings settings,
                                                                ObjectMapper json) {
        FilterRegistrationBean<ReadYourWritesFilter> registration =
                new FilterRegistrationBean<>(new ReadYourWritesFilter(positions, settings, json));
        registration.addUrlPatterns("/api/*");
        registration.setName("readYourWrites");
        registration.setOrder(0);
        return registration;
    }

    /** Requests Tomcat refuses itself are answered as problem+json too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new KnownParameters()).addPathPatterns("/api/**");
    }
}
