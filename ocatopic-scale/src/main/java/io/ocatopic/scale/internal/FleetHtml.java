package io.ocatopic.scale.internal;

import io.ocatopic.scale.FleetReport;

/**
 * Renders a {@link FleetReport} as one self-contained HTML page: the target first, the SLO table, and SVG
 * charts drawn by an inline script from the embedded JSON (convergence CDF over spokes, API p99 latency
 * over time with the 1 s SLO line, request rate by verb) and the {@code ramp} rounds, with round axis ticks (1, 2 or 5 times a power
 * of ten). The script marks {@code <body data-rendered="ok">} when done, {@code "error"} on a script error.
 */
public final class FleetHtml {
    private FleetHtml() {
    }

    /** The page for a report, given the report's JSON. */
    public static String render(FleetReport r, String json) {
        String data = json.replace("</", "<\\/").replace("<!--", "<\\!--");
        return PAGE.replace("@@TITLE@@", esc("ocatopic scale fleet " + r.runId() + " against " + r.target()))
                .replace("@@DATA@@", data);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Round tick step for a range: 1, 2 or 5 times a power of ten, about {@code n} ticks. */
    public static double niceStep(double max, int n) {
        if (max <= 0) {
            return 1;
        }
        double raw = max / n;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>@@TITLE@@</title>
            <style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}h1{font-size:18px}h2{font-size:15px;margin-top:24px}
            table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
            th:first-child,td:first-child{text-align:left}.fail{color:#b00;font-weight:bold}.pass{color:#070}
            svg{background:#fafafa;border:1px solid #ddd}svg text{font-size:11px;fill:#333}</style></head>
            <body data-rendered="pending"><h1>@@TITLE@@</h1><div id="errors" class="fail"></div>
            <div id="meta"></div><h2>SLO verdicts (p99)</h2><table id="slo"></table>
            <h2>Scenarios</h2><table id="scen"></table>
            <h2 id="ramp-h" hidden>Ramp rounds</h2><div id="ramp-result"></div><table id="ramp"></table>
            <h2>Convergence CDF over spokes</h2><svg id="cdf" width="1000" height="280"></svg>
            <h2>API p99 latency over time (SLO line 1 s)</h2><svg id="lat" width="1000" height="280"></svg>
            <h2>Request rate by verb</h2><svg id="rate" width="1000" height="280"></svg>
            <script id="report-data" type="application/json">@@DATA@@</script>
            <script>
            "use strict";
            window.addEventListener("error",function(e){document.getElementById("errors").textContent="script error: "+e.message;document.body.setAttribute("data-rendered","error");});
            (function(){
            var R=JSON.parse(document.getElementById("report-data").textContent),NS="http://www.w3.org/2000/svg";
            var C=["#2b7bb9","#e08a1e","#3a9a4a","#a23bb0","#c33","#555"],M={l:60,r:20,t:14,b:36};
            function el(n,a,p,t){var e=document.createElementNS(NS,n);for(var k in a)e.setAttribute(k,a[k]);if(t!==undefined)e.textContent=t;p.appendChild(e);return e;}
            function nice(max,n){if(max<=0)return 1;var raw=max/n,p=Math.pow(10,Math.floor(Math.log10(raw))),f=raw/p;return (f<=1?1:f<=2?2:f<=5?5:10)*p;}
            function fmt(v){return (Math.round(v*1000)/1000).toString();}
            function row(t,cells,h){var tr=document.createElement("tr");cells.forEach(function(c){var d=document.createElement(h?"th":"td");d.textContent=c;if(c==="FAIL")d.className="fail";if(c==="pass")d.className="pass";tr.appendChild(d);});t.appendChild(tr);}
            document.getElementById("meta").textContent="target: "+R.target+" \\u00b7 "+R.spokes+" spokes \\u00b7 lease "+R.leaseDurationSeconds+" s \\u00b7 "+fmt(R.requestsPerSecond)+" requests/s \\u00b7 leases: "+R.leases.renewals+" renewed, "+R.leases.late+" late, "+R.leases.failed+" failed \\u00b7 SLO "+(R.sloPassed?"PASS":"FAIL")+" (first "+R.sloWarmupSeconds+" s excluded)"+(R.cleanup?" \\u00b7 cleanup: "+(R.cleanup.reached?R.cleanup.deleted+" deleted, left "+JSON.stringify(R.cleanup.remaining):"NOT reached: "+R.cleanup.error):"");
            var t=document.getElementById("slo");row(t,["resource","verb","calls","p50 ms","p99 ms","max ms","SLO ms","verdict"],true);
            R.slo.forEach(function(v){row(t,[v.resource,v.verb,v.count,fmt(v.p50Ms),fmt(v.p99Ms),fmt(v.maxMs),v.thresholdMs,v.pass?"pass":"FAIL"]);});
            var s=document.getElementById("scen");row(s,["scenario","seconds","spokes","done","p50 ms","p95","p99","max","notes"],true);
            R.scenarios.forEach(function(c){row(s,[c.name,fmt(c.durationSeconds),c.spokes,c.done,fmt(c.convergence.p50Ms),fmt(c.convergence.p95Ms),fmt(c.convergence.p99Ms),fmt(c.convergence.maxMs),JSON.stringify(c.notes,function(k,v){return k==="rounds"?undefined:v;})]);});
            R.scenarios.filter(function(c){return c.name==="ramp"&&c.notes.rounds;}).forEach(function(c){document.getElementById("ramp-h").hidden=false;document.getElementById("ramp-result").textContent=c.notes.result;
              var t=document.getElementById("ramp");row(t,["spokes","join s","steady s","requests/s","renewals","late","failed","worst p99 ms","verdict"],true);
              c.notes.rounds.forEach(function(r){var w=0;r.slo.forEach(function(v){w=Math.max(w,v.p99Ms);});row(t,[r.spokes,fmt(r.joinSeconds),fmt(r.steadySeconds),fmt(r.requestsPerSecond),r.renewals,r.lateRenewals,r.failedRenewals,fmt(w),r.held?"pass":"FAIL"]);});});
            function chart(id,series,xMax,yMax,xl,yl,hline){var g=document.getElementById(id),w=+g.getAttribute("width"),h=+g.getAttribute("height"),pw=w-M.l-M.r,ph=h-M.t-M.b;
              var ys=nice(yMax,5);yMax=Math.max(ys,Math.ceil(yMax/ys)*ys);var xs=nice(xMax,8);xMax=Math.max(xs,Math.ceil(xMax/xs)*xs);
              function X(v){return M.l+pw*v/xMax;}function Y(v){return h-M.b-ph*Math.min(v,yMax)/yMax;}
              for(var y=0;y<=yMax+1e-9;y+=ys){el("line",{x1:M.l,x2:w-M.r,y1:Y(y),y2:Y(y),stroke:"#e4e4e4"},g);el("text",{x:M.l-6,y:Y(y)+4,"text-anchor":"end"},g,fmt(y));}
              for(var x=0;x<=xMax+1e-9;x+=xs){el("text",{x:X(x),y:h-M.b+14,"text-anchor":"middle"},g,fmt(x));}
              el("text",{x:M.l+pw/2,y:h-4,"text-anchor":"middle"},g,xl);el("text",{x:12,y:M.t+ph/2,transform:"rotate(-90 12 "+(M.t+ph/2)+")","text-anchor":"middle"},g,yl);
              if(hline!==undefined&&hline<=yMax){el("line",{x1:M.l,x2:w-M.r,y1:Y(hline),y2:Y(hline),stroke:"#c33","stroke-dasharray":"6 3","class":"slo-line"},g);el("text",{x:w-M.r-4,y:Y(hline)-4,"text-anchor":"end"},g,"SLO "+hline+" ms");}
              series.forEach(function(sr,i){if(!sr.pts.length)return;el("polyline",{points:sr.pts.map(function(p){return X(p[0])+","+Y(p[1]);}).join(" "),fill:"none",stroke:C[i%C.length],"stroke-width":2,"class":"series"},g);
                el("text",{x:M.l+8+i*110,y:M.t+10,fill:C[i%C.length]},g,sr.name);});}
            var cs=R.scenarios.filter(function(c){return c.cdf.length;}),cx=0.001;cs.forEach(function(c){c.cdf.forEach(function(p){cx=Math.max(cx,p[0]);});});
            chart("cdf",cs.map(function(c){return {name:c.name,pts:c.cdf};}),cx,1,"seconds to converge","fraction of spokes");
            var b=R.timeline.bucketSeconds,lp=R.timeline.p99Ms.map(function(v,i){return [i*b,v];}),lm=1;lp.forEach(function(p){lm=Math.max(lm,p[1]);});
            chart("lat",[{name:"p99 all calls",pts:lp}],Math.max(b,lp.length*b),Math.max(lm,1000)*1.05,"seconds since start","ms",1000);
            var rs=[],rm=1;Object.keys(R.timeline.ratePerVerb).sort().forEach(function(v){var pts=R.timeline.ratePerVerb[v].map(function(x,i){rm=Math.max(rm,x);return [i*b,x];});rs.push({name:v,pts:pts});});
            chart("rate",rs,Math.max(b,lp.length*b),rm,"seconds since start","requests/s");
            document.body.setAttribute("data-rendered","ok");})();
            </script></body></html>
            """;
}
