//! The GL side of the viewer: the shaders, the program and its uniforms, texture upload
//! and one draw.

use storefront_tour_view::Camera;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    HtmlCanvasElement, HtmlImageElement, WebGl2RenderingContext as GL, WebGlProgram, WebGlTexture,
    WebGlUniformLocation,
};

const VERTEX_SHADER: &str = r"#version 300 es
out vec2 v_ndc;
void main() {
    vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2)) * 2.0 - 1.0;
    v_ndc = p;
    gl_Position = vec4(p, 0.0, 1.0);
}
";

const FRAGMENT_SHADER: &str = r"#version 300 es
precision highp float;
uniform sampler2D u_tex;
uniform sampler2D u_prev;
uniform float u_mix;
uniform mat3 u_cam;
uniform mat3 u_pcam;
in vec2 v_ndc;
out vec4 o_color;
const float TAU = 6.283185307179586;
const float PI = 3.141592653589793;
vec4 look(sampler2D t, mat3 cam) {
    vec3 d = normalize(cam * vec3(v_ndc, 1.0));
    float a = atan(d.x, d.z) / TAU;
    float u = fract(a + 0.5);
    float u2 = fract(a);
    float v = clamp(0.5 - asin(clamp(d.y, -1.0, 1.0)) / PI, 0.0, 1.0);
    vec2 gx = vec2(dFdx(u), dFdx(v));
    vec2 gy = vec2(dFdy(u), dFdy(v));
    float gx2 = dFdx(u2);
    float gy2 = dFdy(u2);
    if (abs(gx2) < abs(gx.x)) { gx.x = gx2; }
    if (abs(gy2) < abs(gy.x)) { gy.x = gy2; }
    return textureGrad(t, vec2(u, v), gx, gy);
}
void main() {
    vec4 c = look(u_tex, u_cam);
    if (u_mix < 1.0) {
        c = mix(look(u_prev, u_pcam), c, u_mix);
    }
    o_color = vec4(c.rgb, 1.0);
}
";

/// The GL objects: the program and its uniforms (no vertex data: the triangle comes from
/// `gl_VertexID`, drawn with WebGL2's default vertex array).
pub(super) struct Renderer {
    pub(super) gl: GL,
    pub(super) program: WebGlProgram,
    pub(super) u_tex: Option<WebGlUniformLocation>,
    pub(super) u_prev: Option<WebGlUniformLocation>,
    pub(super) u_mix: Option<WebGlUniformLocation>,
    pub(super) u_cam: Option<WebGlUniformLocation>,
    pub(super) u_pcam: Option<WebGlUniformLocation>,
    pub(super) max_texture: i32,
}

/// A compiled shader of `kind`, or `None` (the page then shows the flat strip).
pub(super) fn compile(gl: &GL, kind: u32, source: &str) -> Option<web_sys::WebGlShader> {
    // a shader that does not compile fails the program's link, checked there
    let shader = gl.create_shader(kind)?;
    gl.shader_source(&shader, source);
    gl.compile_shader(&shader);
    Some(shader)
}

impl Renderer {
    /// A WebGL2 context on `canvas`; `None` when the browser has none (or it is blocked).
    pub(super) fn new(canvas: &HtmlCanvasElement) -> Option<Renderer> {
        let options = js_sys::Object::new();
        for (k, v) in [
            ("alpha", false),
            ("antialias", false),
            ("depth", false),
            ("stencil", false),
            ("failIfMajorPerformanceCaveat", false),
        ] {
            js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_bool(v)).ok()?;
        }
        let gl = canvas
            .get_context_with_context_options("webgl2", &options)
            .ok()??
            .dyn_into::<GL>()
            .ok()?;
        let vs = compile(&gl, GL::VERTEX_SHADER, VERTEX_SHADER)?;
        let fs = compile(&gl, GL::FRAGMENT_SHADER, FRAGMENT_SHADER)?;
        let program = gl.create_program()?;
        gl.attach_shader(&program, &vs);
        gl.attach_shader(&program, &fs);
        gl.link_program(&program);
        let linked = gl
            .get_program_parameter(&program, GL::LINK_STATUS)
            .as_bool()
            .unwrap_or(false);
        if !linked {
            return None;
        }
        let u = |name| gl.get_uniform_location(&program, name);
        let max_texture = gl
            .get_parameter(GL::MAX_TEXTURE_SIZE)
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0) as i32;
        Some(Renderer {
            u_tex: u("u_tex"),
            u_prev: u("u_prev"),
            u_mix: u("u_mix"),
            u_cam: u("u_cam"),
            u_pcam: u("u_pcam"),
            max_texture,
            program,
            gl,
        })
    }

    /// A mipmapped texture of `img`, wrapping around in yaw.
    pub(super) fn upload(&self, img: &HtmlImageElement) -> Option<WebGlTexture> {
        let gl = &self.gl;
        let tex = gl.create_texture()?;
        gl.bind_texture(GL::TEXTURE_2D, Some(&tex));
        gl.tex_image_2d_with_u32_and_u32_and_html_image_element(
            GL::TEXTURE_2D,
            0,
            GL::RGB8 as i32,
            GL::RGB,
            GL::UNSIGNED_BYTE,
            img,
        )
        .ok()?;
        gl.generate_mipmap(GL::TEXTURE_2D);
        gl.tex_parameteri(
            GL::TEXTURE_2D,
            GL::TEXTURE_MIN_FILTER,
            GL::LINEAR_MIPMAP_LINEAR as i32,
        );
        gl.tex_parameteri(GL::TEXTURE_2D, GL::TEXTURE_MAG_FILTER, GL::LINEAR as i32);
        gl.tex_parameteri(GL::TEXTURE_2D, GL::TEXTURE_WRAP_S, GL::REPEAT as i32);
        gl.tex_parameteri(GL::TEXTURE_2D, GL::TEXTURE_WRAP_T, GL::CLAMP_TO_EDGE as i32);
        Some(tex)
    }

    /// Draws `tex` seen by `camera`, over `prev` seen by its camera faded by `mix` (1:
    /// only `tex`), on a `w`×`h` drawing buffer.
    pub(super) fn draw(
        &self,
        w: i32,
        h: i32,
        tex: &WebGlTexture,
        camera: &Camera,
        prev: Option<(&WebGlTexture, &Camera)>,
        mix: f64,
    ) {
        let gl = &self.gl;
        gl.viewport(0, 0, w, h);
        gl.use_program(Some(&self.program));
        gl.active_texture(GL::TEXTURE0);
        gl.bind_texture(GL::TEXTURE_2D, Some(tex));
        gl.uniform1i(self.u_tex.as_ref(), 0);
        let (ptex, pcam) = prev.unwrap_or((tex, camera));
        gl.active_texture(GL::TEXTURE1);
        gl.bind_texture(GL::TEXTURE_2D, Some(ptex));
        gl.uniform1i(self.u_prev.as_ref(), 1);
        gl.uniform1f(
            self.u_mix.as_ref(),
            if prev.is_some() { mix as f32 } else { 1.0 },
        );
        gl.uniform_matrix3fv_with_f32_array(self.u_cam.as_ref(), false, &camera_matrix(camera));
        gl.uniform_matrix3fv_with_f32_array(self.u_pcam.as_ref(), false, &camera_matrix(pcam));
        gl.draw_arrays(GL::TRIANGLES, 0, 3);
    }
}

/// The shader's camera: columns right·tan(fov/2), up·tan(fov/2)·h/w and forward, so
/// `cam * (x, y, 1)` is the direction at normalised screen point `(x, y)`.
pub(super) fn camera_matrix(c: &Camera) -> [f32; 9] {
    let (r, u, f) = c.basis();
    let t = (c.fov.to_radians() / 2.0).tan();
    let ty = t * c.height / c.width;
    [
        (r.x * t) as f32,
        (r.y * t) as f32,
        (r.z * t) as f32,
        (u.x * ty) as f32,
        (u.y * ty) as f32,
        (u.z * ty) as f32,
        f.x as f32,
        f.y as f32,
        f.z as f32,
    ]
}
