//! The OpenAPI 3.1 document, generated from the handlers' `#[utoipa::path]` annotations.

use utoipa::OpenApi;

use crate::routes;

/// `GET /api/openapi.json`: this document (served by the Swagger UI integration).
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "service",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", content_type = "application/json"))
)]
pub fn openapi_json_doc() {}

/// `GET /api/docs/`: interactive documentation (Swagger UI, served from the binary).
#[utoipa::path(
    get,
    path = "/api/docs/",
    tag = "service",
    responses((status = 200, description = "Swagger UI", content_type = "text/html"))
)]
pub fn docs_doc() {}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Storefront API",
        description = "The storefront's REST contract. Money is integer minor units (fen) with an ISO 4217 code; \
            lists are pages with an opaque `next_cursor`; errors are RFC 9457 `application/problem+json` with a \
            machine `code` and per-field `errors`."
    ),
    paths(
        routes::health::health,
        routes::categories::list,
        routes::products::list,
        routes::facets::get,
        routes::products::get,
        routes::products::related,
        routes::suggest::suggest,
        routes::stores::list,
        routes::stores::get,
        routes::media::product_image,
        routes::media::category_image,
        openapi_json_doc,
        docs_doc,
    ),
    components(schemas(
        storefront_api_types::Problem,
        storefront_api_types::FieldError,
        storefront_api_types::ProductSort,
        storefront_api_types::PriceRange
    )),
    tags(
        (name = "catalogue", description = "Categories and products"),
        (name = "stores", description = "Physical stores and their hours"),
        (name = "media", description = "Generated product and category pictures"),
        (name = "service", description = "Health and documentation"),
    )
)]
pub struct ApiDoc;
