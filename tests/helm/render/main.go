// Command render is an offline stand-in for `helm template`, for the attest chart only.
//
// It uses Go's text/template, the engine Helm itself uses, with the subset of Helm's and
// Sprig's functions that the chart is allowed to call (see funcMap). Go's standard library has
// no YAML parser, so the Python wrapper beside it (__init__.py) converts Chart.yaml and the
// values files to JSON and sends them on stdin as one request:
//
//	{"mode": "render" | "values",
//	 "chartDir": "helm/attest",
//	 "chart": {...Chart.yaml...},
//	 "defaults": {...values.yaml...},
//	 "overrides": [{...-f file...}, ...],
//	 "release": {"name": "attest", "namespace": "default"}}
//
// Mode "values" prints the merged values as JSON (the wrapper checks them against
// values.schema.json, as Helm does); mode "render" prints the manifests as a multi-document
// YAML stream with "# Source:" headers, like `helm template`.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"
)

type request struct {
	Mode      string                   `json:"mode"`
	ChartDir  string                   `json:"chartDir"`
	Chart     map[string]interface{}   `json:"chart"`
	Defaults  map[string]interface{}   `json:"defaults"`
	Overrides []map[string]interface{} `json:"overrides"`
	Release   struct {
		Name      string `json:"name"`
		Namespace string `json:"namespace"`
	} `json:"release"`
}

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "Error: "+err.Error())
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer) error {
	var req request
	dec := json.NewDecoder(in)
	dec.UseNumber()
	if err := dec.Decode(&req); err != nil {
		return fmt.Errorf("reading the request: %w", err)
	}
	defaults, _ := normalize(req.Defaults).(map[string]interface{})
	if defaults == nil {
		defaults = map[string]interface{}{}
	}
	values := defaults
	for _, o := range req.Overrides {
		over, _ := normalize(o).(map[string]interface{})
		values = mergeValues(values, over)
	}
	switch req.Mode {
	case "values":
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(values)
	case "render", "":
		return render(req, values, out)
	default:
		return fmt.Errorf("unknown mode %q", req.Mode)
	}
}

// normalize turns json.Number into int64 (or float64 when it is not an integer), so that
// numbers print as written and `if`/`default` treat 0 as empty, as in Helm.
func normalize(v interface{}) interface{} {
	switch t := v.(type) {
	case map[string]interface{}:
		m := make(map[string]interface{}, len(t))
		for k, x := range t {
			m[k] = normalize(x)
		}
		return m
	case []interface{}:
		l := make([]interface{}, len(t))
		for i, x := range t {
			l[i] = normalize(x)
		}
		return l
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return i
		}
		f, _ := t.Float64()
		return f
	default:
		return v
	}
}

// mergeValues deep-merges over into base (maps merge key by key; anything else replaces),
// and a null in over deletes the key, as Helm's coalescing does. Neither input is modified.
func mergeValues(base, over map[string]interface{}) map[string]interface{} {
	out := make(map[string]interface{}, len(base))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		if v == nil {
			delete(out, k)
			continue
		}
		bm, bok := out[k].(map[string]interface{})
		om, ook := v.(map[string]interface{})
		if bok && ook {
			out[k] = mergeValues(bm, om)
		} else {
			out[k] = v
		}
	}
	return out
}

func chartMeta(c map[string]interface{}) map[string]interface{} {
	names := map[string]string{
		"apiVersion": "APIVersion", "name": "Name", "version": "Version",
		"appVersion": "AppVersion", "description": "Description", "type": "Type",
		"kubeVersion": "KubeVersion", "home": "Home", "icon": "Icon",
	}
	m := map[string]interface{}{}
	for k, v := range c {
		if n, ok := names[k]; ok {
			m[n] = fmt.Sprint(v)
		}
	}
	for _, n := range names {
		if _, ok := m[n]; !ok {
			m[n] = ""
		}
	}
	return m
}

func render(req request, values map[string]interface{}, out io.Writer) error {
	chart := chartMeta(req.Chart)
	chartName, _ := chart["Name"].(string)
	if chartName == "" {
		return errors.New("Chart.yaml has no name")
	}
	if req.Release.Name == "" {
		req.Release.Name = "release-name"
	}
	if req.Release.Namespace == "" {
		req.Release.Namespace = "default"
	}
	tdir := filepath.Join(req.ChartDir, "templates")
	var files []string
	err := filepath.Walk(tdir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)

	root := template.New("gotpl")
	root.Option("missingkey=zero")
	root.Funcs(funcMap(root))
	names := make([]string, 0, len(files))
	for _, f := range files {
		rel, _ := filepath.Rel(tdir, f)
		name := chartName + "/templates/" + filepath.ToSlash(rel)
		src, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if _, err := root.New(name).Parse(string(src)); err != nil {
			return fmt.Errorf("parse error in %s", cleanError(err))
		}
		names = append(names, name)
	}

	release := map[string]interface{}{
		"Name": req.Release.Name, "Namespace": req.Release.Namespace, "Service": "Helm",
		"IsInstall": true, "IsUpgrade": false, "Revision": 1,
	}
	var docs []manifest
	for _, name := range names {
		base := name[strings.LastIndex(name, "/")+1:]
		notes := strings.EqualFold(base, "NOTES.txt")
		if strings.HasPrefix(base, "_") {
			continue
		}
		if !notes && !strings.HasSuffix(base, ".yaml") && !strings.HasSuffix(base, ".yml") {
			continue
		}
		data := map[string]interface{}{
			"Values":  values,
			"Release": release,
			"Chart":   chart,
			"Template": map[string]interface{}{
				"Name": name, "BasePath": chartName + "/templates",
			},
		}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, data); err != nil {
			return errors.New(cleanError(err))
		}
		if notes {
			continue // rendered, as helm install does, but not part of the manifests
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		for _, doc := range splitDocuments(text) {
			docs = append(docs, manifest{source: name, content: doc, kind: kindOf(doc)})
		}
	}
	sort.SliceStable(docs, func(i, j int) bool {
		return installRank(docs[i].kind) < installRank(docs[j].kind)
	})
	for _, d := range docs {
		if _, err := fmt.Fprintf(out, "---\n# Source: %s\n%s\n", d.source, d.content); err != nil {
			return err
		}
	}
	return nil
}

type manifest struct {
	source, content, kind string
}

var (
	docSep = regexp.MustCompile(`(?m)(?:^|\s*\n)---\s*`)
	kindRe = regexp.MustCompile(`(?m)^kind:\s*["']?([A-Za-z]+)`)
	// The execution errors of text/template name the file, line and column, then the action;
	// Helm shortens those of fail and required to "execution error at (file:line:col): message".
	execLoc   = regexp.MustCompile(`^template: ([^:]+:\d+:\d+): `)
	userError = regexp.MustCompile(`error calling (?:fail|required): `)
)

// splitDocuments splits a rendered file on YAML document separators and drops the documents
// that are empty or hold only comments, as Helm does.
func splitDocuments(s string) []string {
	var docs []string
	for _, d := range docSep.Split(s, -1) {
		d = strings.TrimSpace(d)
		if d == "" || onlyComments(d) {
			continue
		}
		docs = append(docs, d)
	}
	return docs
}

func onlyComments(d string) bool {
	for _, line := range strings.Split(d, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			return false
		}
	}
	return true
}

func kindOf(doc string) string {
	if m := kindRe.FindStringSubmatch(doc); m != nil {
		return m[1]
	}
	return ""
}

// installOrder is Helm's InstallOrder (releaseutil/kind_sorter.go), which `helm template`
// also uses to order its output.
var installOrder = []string{
	"PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange",
	"PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList",
	"ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
	"CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
	"ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service",
	"DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
	"HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress",
	"APIService",
}

func installRank(kind string) int {
	for i, k := range installOrder {
		if k == kind {
			return i
		}
	}
	return len(installOrder)
}

func cleanError(err error) string {
	msg := err.Error()
	loc := execLoc.FindStringSubmatch(msg)
	calls := userError.FindAllStringIndex(msg, -1)
	if loc != nil && len(calls) > 0 {
		// A fail or required message, perhaps from inside an include: the outermost
		// location and the innermost message, as Helm prints them.
		return fmt.Sprintf("execution error at (%s): %s", loc[1], msg[calls[len(calls)-1][1]:])
	}
	return strings.TrimPrefix(msg, "template: ")
}

// funcMap holds the functions the chart may use beyond text/template's built-ins (and, or,
// not, eq, ne, printf, ...): Helm's include/required/fail/toYaml and Sprig's string helpers.
func funcMap(root *template.Template) template.FuncMap {
	return template.FuncMap{
		"include": func(name string, data interface{}) (string, error) {
			t := root.Lookup(name)
			if t == nil {
				return "", fmt.Errorf("no template %q associated with template %q", name, "gotpl")
			}
			var buf bytes.Buffer
			if err := t.Execute(&buf, data); err != nil {
				return "", err
			}
			return buf.String(), nil
		},
		"required": func(msg string, v interface{}) (interface{}, error) {
			if v == nil {
				return nil, errors.New(msg)
			}
			if s, ok := v.(string); ok && s == "" {
				return nil, errors.New(msg)
			}
			return v, nil
		},
		"fail": func(msg string) (string, error) {
			return "", errors.New(msg)
		},
		"toYaml": func(v interface{}) string {
			return strings.TrimSuffix(toYAML(v), "\n")
		},
		"indent":  indent,
		"nindent": func(n int, s string) string { return "\n" + indent(n, s) },
		"quote": func(args ...interface{}) string {
			out := make([]string, 0, len(args))
			for _, a := range args {
				if a != nil {
					out = append(out, fmt.Sprintf("%q", strval(a)))
				}
			}
			return strings.Join(out, " ")
		},
		"default": func(d interface{}, given ...interface{}) interface{} {
			if len(given) == 0 || empty(given[0]) {
				return d
			}
			return given[0]
		},
		"trunc":      trunc,
		"trimSuffix": func(suffix, s string) string { return strings.TrimSuffix(s, suffix) },
		"replace":    func(old, new, s string) string { return strings.ReplaceAll(s, old, new) },
		"b64enc": func(v interface{}) string {
			return base64.StdEncoding.EncodeToString([]byte(strval(v)))
		},
	}
}

func indent(n int, s string) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

func trunc(c int, s string) string {
	if c < 0 && len(s)+c > 0 {
		return s[len(s)+c:]
	}
	if c >= 0 && len(s) > c {
		return s[:c]
	}
	return s
}

func strval(v interface{}) string {
	switch t := v.(type) {
	case string:
		return t
	case []byte:
		return string(t)
	case error:
		return t.Error()
	case fmt.Stringer:
		return t.String()
	default:
		return fmt.Sprintf("%v", v)
	}
}

// empty is Sprig's notion of an empty value, used by `default`.
func empty(v interface{}) bool {
	g := reflect.ValueOf(v)
	if !g.IsValid() {
		return true
	}
	switch g.Kind() {
	case reflect.Array, reflect.Slice, reflect.Map, reflect.String:
		return g.Len() == 0
	case reflect.Bool:
		return !g.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return g.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return g.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return g.Float() == 0
	case reflect.Ptr, reflect.Interface, reflect.Func, reflect.Chan:
		return g.IsNil()
	default:
		return false
	}
}

// toYAML is a small block-style YAML emitter in the layout of Helm's toYaml: map keys sorted,
// list items at the indentation of their parent key, strings plain when that is unambiguous
// and double-quoted (JSON escapes, which YAML accepts) otherwise.
func toYAML(v interface{}) string {
	var b strings.Builder
	emit(&b, v, 0)
	return b.String()
}

func emit(b *strings.Builder, v interface{}, ind int) {
	pad := strings.Repeat(" ", ind)
	switch t := v.(type) {
	case map[string]interface{}:
		if len(t) == 0 {
			b.WriteString(pad + "{}\n")
			return
		}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			x := t[k]
			b.WriteString(pad + scalar(k) + ":")
			switch c := x.(type) {
			case map[string]interface{}:
				if len(c) == 0 {
					b.WriteString(" {}\n")
				} else {
					b.WriteString("\n")
					emit(b, c, ind+2)
				}
			case []interface{}:
				if len(c) == 0 {
					b.WriteString(" []\n")
				} else {
					b.WriteString("\n")
					emit(b, c, ind)
				}
			default:
				b.WriteString(" " + scalar(c) + "\n")
			}
		}
	case []interface{}:
		if len(t) == 0 {
			b.WriteString(pad + "[]\n")
			return
		}
		for _, x := range t {
			switch x.(type) {
			case map[string]interface{}, []interface{}:
				var sub strings.Builder
				emit(&sub, x, 0)
				lines := strings.Split(strings.TrimSuffix(sub.String(), "\n"), "\n")
				b.WriteString(pad + "- " + lines[0] + "\n")
				for _, l := range lines[1:] {
					b.WriteString(pad + "  " + l + "\n")
				}
			default:
				b.WriteString(pad + "- " + scalar(x) + "\n")
			}
		}
	default:
		b.WriteString(pad + scalar(v) + "\n")
	}
}

var (
	plainRe    = regexp.MustCompile(`^[A-Za-z_/][A-Za-z0-9_./-]*$`)
	reservedRe = regexp.MustCompile(`^(?i:y|n|yes|no|on|off|true|false|null|nan|inf)$`)
)

func scalar(v interface{}) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(t)
	case int64:
		return strconv.FormatInt(t, 10)
	case int:
		return strconv.Itoa(t)
	case float64:
		return strconv.FormatFloat(t, 'g', -1, 64)
	case string:
		if plainRe.MatchString(t) && !reservedRe.MatchString(t) {
			return t
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(t)
		return strings.TrimSuffix(buf.String(), "\n")
	default:
		return scalar(fmt.Sprint(t))
	}
}
