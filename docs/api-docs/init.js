// Each operation names the service that serves it (its `servers`): "Try it out" calls that one.
window.ui = SwaggerUIBundle({ url: '/openapi.yaml', dom_id: '#swagger-ui', deepLinking: true });
