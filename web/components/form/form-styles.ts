/**
 * The form's own styles, shipped once as a hoisted <style>. Native controls take antd 6's default
 * look (sizes, radius, colours) so they sit beside antd selects and pickers unnoticed.
 */
export const FORM_CSS = `
.gw-form{display:flex;flex-direction:column;gap:4px;max-width:720px;font-size:14px;color:rgba(0,0,0,.88)}
.gw-field{border:0;margin:0 0 16px;padding:0;min-width:0}
.gw-label{display:block;font-weight:500;margin-bottom:6px;padding:0}
.gw-required{color:#c8102e}
.gw-help{color:rgba(0,0,0,.55);font-size:13px;margin-top:4px}
.gw-error{color:#c8102e;font-size:13px;margin-top:4px}
.gw-count{color:rgba(0,0,0,.45);font-size:12px;text-align:right}
.gw-loading{min-height:32px;border-radius:6px;background:#f5f5f5}
.gw-readonly{display:block;min-height:32px;padding:5px 0}
.gw-input{box-sizing:border-box;width:100%;min-height:32px;margin:0;padding:4px 11px;font:inherit;line-height:1.5715;color:inherit;background:#fff;border:1px solid #d9d9d9;border-radius:6px;transition:border-color .2s,box-shadow .2s}
.gw-input:hover{border-color:#e0455a}
.gw-input:focus{border-color:#c8102e;box-shadow:0 0 0 2px rgba(200,16,46,.12);outline:0}
.gw-input[aria-invalid=true]{border-color:#ff4d4f}
.gw-input:disabled{background:rgba(0,0,0,.04);color:rgba(0,0,0,.45);cursor:not-allowed}
textarea.gw-input{field-sizing:content;min-height:5.5em;max-height:16em;resize:vertical}
.gw-choices{display:flex;flex-wrap:wrap;gap:4px 20px}
.gw-choice{display:inline-flex;align-items:center;gap:8px;min-height:32px;cursor:pointer}
.gw-choice input{width:16px;height:16px;margin:0;accent-color:#c8102e}
.gw-btn{display:inline-flex;align-items:center;justify-content:center;min-height:32px;padding:4px 15px;font:inherit;color:inherit;background:#fff;border:1px solid #d9d9d9;border-radius:6px;cursor:pointer}
.gw-btn:hover{border-color:#c8102e;color:#c8102e}
.gw-btn:disabled{opacity:.6;cursor:wait}
.gw-btn-primary,.gw-btn-primary:hover{background:#c8102e;border-color:#c8102e;color:#fff}
.gw-btn-danger{color:#ff4d4f;border-color:#ff4d4f}
.gw-btn-lg{min-height:40px;font-size:16px}
.gw-btn-sm{min-height:24px;padding:0 7px}
.gw-alert{display:flex;gap:12px;align-items:center;justify-content:space-between;padding:8px 12px;margin-bottom:12px;border:1px solid;border-radius:8px}
.gw-alert-info{background:#e6f4ff;border-color:#91caff}
.gw-alert-error{background:#fff2f0;border-color:#ffccc7}
.gw-section{border-left:3px solid #f0c8ce;padding-left:12px;margin-bottom:8px}
.gw-group-item{border:1px solid #eee;border-radius:8px;padding:8px 12px;margin:0 0 8px}
.gw-fieldset-title{font-size:16px;font-weight:600;margin:8px 0 12px}
.gw-actions{display:flex;gap:8px;flex-wrap:wrap;margin-top:8px}
.gw-form :focus-visible{outline:2px solid #1f5fbf;outline-offset:2px}
.gw-photos{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 8px;padding:0}
.gw-photo{position:relative;width:96px;height:96px;border-radius:6px;overflow:hidden;background:#f5f5f5;list-style:none}
.gw-photo img{width:100%;height:100%;object-fit:cover}
.gw-photo-state{position:absolute;left:0;right:0;bottom:0;background:rgba(0,0,0,.6);color:#fff;font-size:12px;padding:2px 4px}
.gw-photo>button{position:absolute;top:2px;right:2px}
.gw-map{width:100%;height:auto;max-height:360px;border:1px solid #ddd;border-radius:6px;background:#f7f9fb;touch-action:manipulation;cursor:crosshair}
.gw-map path{fill:rgba(31,95,191,.08);stroke:#1f5fbf;stroke-width:1;vector-effect:non-scaling-stroke}
.gw-map path.gw-hit{fill:rgba(200,16,46,.18);stroke:#c8102e}
.gw-coords{display:flex;gap:8px;margin-top:8px}
.gw-map-wrap{position:relative}
.gw-map .gw-pin path{fill:#c8102e;stroke:#fff}
.gw-map:focus-visible{outline:3px solid #1f5fbf;outline-offset:2px}
.gw-map-zoom{position:absolute;top:8px;right:8px;display:flex;flex-direction:column;gap:4px}
.gw-map-zoom button{width:44px;height:44px;font-size:22px;line-height:1;border:1px solid #8c8c8c;border-radius:6px;background:#fff;color:#1f1f1f;cursor:pointer}
.gw-map-zoom button:focus-visible{outline:3px solid #1f5fbf;outline-offset:1px}
@media (max-width:576px),(pointer:coarse){
  .gw-input,.gw-btn,.gw-choice,.gw-form .ant-select,.gw-form .ant-btn,.gw-form .ant-input-number{min-height:44px}
  .gw-form .ant-input-number-input{height:42px}
  .gw-choice input{width:20px;height:20px}
}
`;
