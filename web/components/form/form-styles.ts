/** Layout, focus and touch-size rules of the form, shipped once as a hoisted <style>. */
export const FORM_CSS = `
.gw-form{display:flex;flex-direction:column;gap:4px;max-width:720px}
.gw-field{border:0;margin:0 0 16px;padding:0;min-width:0}
.gw-label{display:block;font-weight:500;margin-bottom:6px;padding:0}
.gw-required{color:#c8102e}
.gw-help{color:rgba(0,0,0,.55);font-size:13px;margin-top:4px}
.gw-error{color:#c8102e;font-size:13px;margin-top:4px}
.gw-readonly{display:block;min-height:32px;padding:5px 0}
.gw-section{border-left:3px solid #f0c8ce;padding-left:12px;margin-bottom:8px}
.gw-group-item{border:1px solid #eee;border-radius:8px;padding:8px 12px;margin:0 0 8px}
.gw-fieldset-title{font-size:16px;font-weight:600;margin:8px 0 12px}
.gw-actions{display:flex;gap:8px;flex-wrap:wrap;margin-top:8px}
.gw-form :focus-visible{outline:2px solid #1f5fbf;outline-offset:2px}
.gw-photos{display:flex;flex-wrap:wrap;gap:8px;margin-bottom:8px}
.gw-photo{position:relative;width:96px;height:96px;border-radius:6px;overflow:hidden;background:#f5f5f5}
.gw-photo img{width:100%;height:100%;object-fit:cover}
.gw-photo-state{position:absolute;left:0;right:0;bottom:0;background:rgba(0,0,0,.6);color:#fff;font-size:12px;padding:2px 4px}
.gw-photo button{position:absolute;top:2px;right:2px}
.gw-map{width:100%;height:auto;max-height:360px;border:1px solid #ddd;border-radius:6px;background:#f7f9fb;touch-action:manipulation;cursor:crosshair}
.gw-map path{fill:rgba(31,95,191,.08);stroke:#1f5fbf;stroke-width:1;vector-effect:non-scaling-stroke}
.gw-map path.gw-hit{fill:rgba(200,16,46,.18);stroke:#c8102e}
.gw-coords{display:flex;gap:8px;margin-top:8px}
@media (max-width:576px),(pointer:coarse){
  .gw-form .ant-input,.gw-form .ant-input-number,.gw-form .ant-input-number-input,.gw-form .ant-select,.gw-form .ant-btn,.gw-form .ant-radio-button-wrapper{min-height:44px}
  .gw-form .ant-input-number-input{height:44px}
  .gw-form .ant-radio-button-wrapper{line-height:42px}
  .gw-form .ant-checkbox-wrapper{min-height:44px;align-items:center}
}
`;
