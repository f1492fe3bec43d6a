// Renders each service's OpenAPI document as a readable list of operations. No framework, no CDN:
// the gateway's Content-Security-Policy allows scripts from this origin only.
"use strict";

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

function schemaName(schema) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.type === "array") return `array of ${schemaName(schema.items)}`;
  if (schema.anyOf) return schema.anyOf.map(schemaName).join(" | ");
  return schema.type || "object";
}

function operation(path, method, op) {
  const title = element("summary", {}, element("span", { class: "method" }, method.toUpperCase()), element("code", {}, path),
    op.summary ? ` — ${op.summary}` : "");
  const body = [title];
  if (op.description) body.push(element("p", {}, op.description));
  if (op.security && op.security.length) body.push(element("p", {}, "Needs a bearer token."));
  const parameters = op.parameters || [];
  if (parameters.length) {
    const rows = parameters.map((p) => element("tr", {}, element("td", {}, element("code", {}, p.name)), element("td", {}, p.in),
      element("td", {}, p.required ? "required" : "optional"), element("td", {}, schemaName(p.schema))));
    body.push(element("table", {}, element("caption", {}, "Parameters"),
      element("tr", {}, element("th", { scope: "col" }, "name"), element("th", { scope: "col" }, "in"),
        element("th", { scope: "col" }, "required"), element("th", { scope: "col" }, "type")), ...rows));
  }
  const requestSchema = op.requestBody && Object.values(op.requestBody.content || {})[0];
  if (requestSchema) body.push(element("p", {}, "Request body: ", element("code", {}, schemaName(requestSchema.schema))));
  const responses = Object.entries(op.responses || {}).map(([status, response]) => {
    const content = Object.entries(response.content || {})[0];
    const type = content ? ` ${content[0]} ${schemaName(content[1].schema)}` : "";
    return element("li", {}, element("code", {}, status), ` ${response.description || ""}${type}`);
  });
  body.push(element("p", {}, "Responses:"), element("ul", {}, ...responses));
  return element("details", {}, ...body);
}

async function render(section) {
  const service = section.dataset.service;
  const status = section.querySelector(".status");
  try {
    const response = await fetch(`/api/${service}/openapi.json`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const documentJson = await response.json();
    status.textContent = `${documentJson.info.title} ${documentJson.info.version}: ${documentJson.info.description || ""}`;
    for (const [path, operations] of Object.entries(documentJson.paths)) {
      for (const [method, op] of Object.entries(operations)) section.append(operation(path, method, op));
    }
    const schemas = Object.keys((documentJson.components || {}).schemas || {});
    if (schemas.length) section.append(element("p", {}, `Schemas: ${schemas.join(", ")}`));
  } catch (error) {
    status.textContent = `The document could not be loaded (${error.message}).`;
  }
}

document.querySelectorAll("section[data-service]").forEach(render);
