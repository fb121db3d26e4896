// Command pack writes the test images of the real single-node cluster into one OCI image archive (oci-layout,
// index.json, blobs/sha256/...) that `ctr -n k8s.io images import` loads into the containerd the kubelet uses:
//
//   - registry.k8s.io/pause:3.10, the pod sandbox image (containerd's sandbox_image, set to this name by up.sh),
//     also the image of config/samples/1-distroless-target.yaml: the pause program, nothing else;
//   - debugsession.test/distroless-target:1, a distroless application: the signal-recorder program, no shell;
//   - debugsession.test/debug-shell:1, also tagged docker.io/library/busybox:1.37 (the image of the sample
//     DebugSession): Debian's static busybox with a link per applet, the tools the operator's wrapper runs.
//
// Each image is one gzip layer. Timestamps are fixed, so the same inputs give the same digests.
//
//	go run ./pack -pause BIN -signal-recorder BIN -busybox /bin/busybox -o images.tar
//
// With -rootfs it writes one image of a directory tree instead (operator-image.sh: the operator's test image):
//
//	go run ./pack -rootfs DIR -name NAME -user 65532:65532 -entrypoint /opt/java/bin/java,-jar,/app.jar -o image.tar
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

const (
	mediaTypeIndex    = "application/vnd.oci.image.index.v1+json"
	mediaTypeManifest = "application/vnd.oci.image.manifest.v1+json"
	mediaTypeConfig   = "application/vnd.oci.image.config.v1+json"
	mediaTypeLayer    = "application/vnd.oci.image.layer.v1.tar+gzip"
	// containerd's annotation for an image's full name; org.opencontainers.image.ref.name holds only a tag.
	annotationImageName = "io.containerd.image.name"
	annotationRefName   = "org.opencontainers.image.ref.name"
)

var epoch = time.Unix(0, 0).UTC()

// entry is one file, directory or symbolic link of an image's single layer.
type entry struct {
	name     string // absolute path in the image
	mode     int64
	data     []byte
	linkname string // for a symbolic link
	dir      bool
}

type image struct {
	names        []string
	user         string
	cmd          []string // the entrypoint when entrypoint is set, else the default command
	asEntrypoint bool
	env          []string
	files        []entry
	// fast: gzip for speed, not size (a JRE and an application: tens of megabytes, compressed on every test run)
	fast bool
}

type descriptor struct {
	MediaType   string            `json:"mediaType"`
	Digest      string            `json:"digest"`
	Size        int64             `json:"size"`
	Annotations map[string]string `json:"annotations,omitempty"`
	Platform    *platform         `json:"platform,omitempty"`
}

type platform struct {
	Architecture string `json:"architecture"`
	OS           string `json:"os"`
}

// archive collects blobs and index entries and writes them as one tar stream.
type archive struct {
	blobs     map[string][]byte
	order     []string
	manifests []descriptor
}

func main() {
	pause := flag.String("pause", "", "the pause program (static)")
	recorder := flag.String("signal-recorder", "", "the signal-recorder program (static)")
	busybox := flag.String("busybox", "/bin/busybox", "a static busybox (Debian's busybox-static)")
	rootfs := flag.String("rootfs", "", "instead of the test images: one image of this directory tree")
	name := flag.String("name", "", "with -rootfs: the image's name")
	user := flag.String("user", "65532:65532", "with -rootfs: the user it runs as")
	entrypoint := flag.String("entrypoint", "", "with -rootfs: its entrypoint, comma-separated")
	out := flag.String("o", "images.tar", "the archive to write")
	flag.Parse()

	var images []image
	switch {
	case *rootfs != "":
		if *name == "" || *entrypoint == "" {
			fail(fmt.Errorf("-rootfs needs -name and -entrypoint"))
		}
		images = []image{treeImage(*rootfs, *name, *user, strings.Split(*entrypoint, ","))}
	case *pause == "" || *recorder == "":
		fail(fmt.Errorf("-pause and -signal-recorder are required"))
	default:
		images = testImages(*pause, *recorder, *busybox)
	}

	a := &archive{blobs: map[string][]byte{}}
	for _, img := range images {
		if err := a.add(img); err != nil {
			fail(err)
		}
	}
	if err := a.write(*out); err != nil {
		fail(err)
	}
	for _, m := range a.manifests {
		fmt.Printf("%s %s\n", m.Annotations[annotationImageName], m.Digest)
	}
}

func testImages(pause, recorder, busybox string) []image {
	return []image{
		{
			names:        []string{"registry.k8s.io/pause:3.10"},
			user:         "65535:65535",
			cmd:          []string{"/pause"},
			asEntrypoint: true,
			files:        []entry{file("/pause", 0o755, read(pause))},
		},
		{
			names:        []string{"debugsession.test/distroless-target:1"},
			user:         "65532:65532",
			cmd:          []string{"/app/signal-recorder"},
			asEntrypoint: true,
			env:          []string{"PATH=/app"},
			files: []entry{
				file("/app/signal-recorder", 0o755, read(recorder)),
				dir("/tmp", 0o1777),
			},
		},
		debugShell(busybox),
	}
}

// treeImage is the directory tree root as one layer: files, directories and symbolic links with their permission
// bits (setuid, setgid and sticky too), owned by root, as a Dockerfile's COPY would make them.
func treeImage(root, name, user string, entrypoint []string) image {
	var files []entry
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == root {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		inImage := "/" + filepath.ToSlash(rel)
		mode := int64(info.Mode().Perm())
		if info.Mode()&fs.ModeSetuid != 0 {
			mode |= 0o4000
		}
		if info.Mode()&fs.ModeSetgid != 0 {
			mode |= 0o2000
		}
		if info.Mode()&fs.ModeSticky != 0 {
			mode |= 0o1000
		}
		switch {
		case d.IsDir():
			files = append(files, dir(inImage, mode))
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			files = append(files, entry{name: inImage, mode: 0o777, linkname: target})
		case info.Mode().IsRegular():
			files = append(files, file(inImage, mode, read(p)))
		default:
			return fmt.Errorf("%s: neither a file, a directory nor a symbolic link", p)
		}
		return nil
	})
	if err != nil {
		fail(err)
	}
	return image{names: []string{name}, user: user, cmd: entrypoint, asEntrypoint: true, files: files, fast: true}
}

// debugShell is busybox with one symbolic link per applet, where `busybox --list-full` places it.
func debugShell(busybox string) image {
	out, err := exec.Command(busybox, "--list-full").Output()
	if err != nil {
		fail(fmt.Errorf("%s --list-full: %w", busybox, err))
	}
	files := []entry{
		file("/bin/busybox", 0o755, read(busybox)),
		dir("/tmp", 0o1777),
		dir("/root", 0o700),
		file("/etc/passwd", 0o644, []byte("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n")),
		file("/etc/group", 0o644, []byte("root:x:0:\nnogroup:x:65534:\n")),
	}
	for _, applet := range strings.Fields(string(out)) {
		if p := "/" + applet; p != "/bin/busybox" {
			files = append(files, entry{name: p, mode: 0o777, linkname: "/bin/busybox"})
		}
	}
	return image{
		names: []string{"debugsession.test/debug-shell:1", "docker.io/library/busybox:1.37"},
		cmd:   []string{"sh"},
		env:   []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin"},
		files: files,
	}
}

func (a *archive) add(img image) error {
	level := gzip.BestCompression
	if img.fast {
		level = gzip.BestSpeed
	}
	layer, diffID, err := layerOf(img.files, level)
	if err != nil {
		return err
	}
	layerDesc := a.blob(mediaTypeLayer, layer)

	cfg := map[string]any{"Env": img.env, "User": img.user, "WorkingDir": "/"}
	if img.asEntrypoint {
		cfg["Entrypoint"] = img.cmd
	} else {
		cfg["Cmd"] = img.cmd
	}
	config, err := json.Marshal(map[string]any{
		"architecture": "amd64",
		"os":           "linux",
		"created":      epoch.Format(time.RFC3339),
		"config":       cfg,
		"rootfs":       map[string]any{"type": "layers", "diff_ids": []string{diffID}},
	})
	if err != nil {
		return err
	}
	manifest, err := json.Marshal(map[string]any{
		"schemaVersion": 2,
		"mediaType":     mediaTypeManifest,
		"config":        a.blob(mediaTypeConfig, config),
		"layers":        []descriptor{layerDesc},
	})
	if err != nil {
		return err
	}
	manifestDesc := a.blob(mediaTypeManifest, manifest)
	manifestDesc.Platform = &platform{Architecture: "amd64", OS: "linux"}
	for _, name := range img.names {
		d := manifestDesc
		d.Annotations = map[string]string{annotationImageName: name, annotationRefName: name[strings.LastIndex(name, ":")+1:]}
		a.manifests = append(a.manifests, d)
	}
	return nil
}

// layerOf returns the gzip-compressed layer and the digest of its uncompressed tar (the config's diff_id).
func layerOf(files []entry, level int) ([]byte, string, error) {
	all := withParents(files)
	var raw bytes.Buffer
	tw := tar.NewWriter(&raw)
	for _, e := range all {
		h := &tar.Header{Name: strings.TrimPrefix(e.name, "/"), Mode: e.mode, ModTime: epoch, Format: tar.FormatPAX}
		switch {
		case e.dir:
			h.Typeflag, h.Name = tar.TypeDir, h.Name+"/"
		case e.linkname != "":
			h.Typeflag, h.Linkname = tar.TypeSymlink, e.linkname
		default:
			h.Typeflag, h.Size = tar.TypeReg, int64(len(e.data))
		}
		if err := tw.WriteHeader(h); err != nil {
			return nil, "", err
		}
		if h.Typeflag == tar.TypeReg {
			if _, err := tw.Write(e.data); err != nil {
				return nil, "", err
			}
		}
	}
	if err := tw.Close(); err != nil {
		return nil, "", err
	}
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, level)
	if err != nil {
		return nil, "", err
	}
	zw.ModTime = epoch
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return nil, "", err
	}
	if err := zw.Close(); err != nil {
		return nil, "", err
	}
	return gz.Bytes(), digest(raw.Bytes()), nil
}

// withParents adds every missing parent directory (mode 0755) and sorts parents before their contents.
func withParents(files []entry) []entry {
	byName := map[string]entry{}
	for _, e := range files {
		byName[e.name] = e
		for p := path.Dir(e.name); p != "/"; p = path.Dir(p) {
			if _, ok := byName[p]; !ok {
				byName[p] = dir(p, 0o755)
			}
		}
	}
	all := make([]entry, 0, len(byName))
	for _, e := range byName {
		all = append(all, e)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].name < all[j].name })
	return all
}

func (a *archive) blob(mediaType string, data []byte) descriptor {
	d := digest(data)
	if _, ok := a.blobs[d]; !ok {
		a.blobs[d] = data
		a.order = append(a.order, d)
	}
	return descriptor{MediaType: mediaType, Digest: d, Size: int64(len(data))}
}

func (a *archive) write(out string) error {
	index, err := json.Marshal(map[string]any{"schemaVersion": 2, "mediaType": mediaTypeIndex, "manifests": a.manifests})
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(f)
	put := func(name string, data []byte) error {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), ModTime: epoch}); err != nil {
			return err
		}
		_, err := tw.Write(data)
		return err
	}
	if err := put("oci-layout", []byte(`{"imageLayoutVersion":"1.0.0"}`)); err != nil {
		return err
	}
	for _, d := range a.order {
		if err := put("blobs/sha256/"+strings.TrimPrefix(d, "sha256:"), a.blobs[d]); err != nil {
			return err
		}
	}
	if err := put("index.json", index); err != nil {
		return err
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return f.Close()
}

func file(name string, mode int64, data []byte) entry {
	return entry{name: name, mode: mode, data: data}
}

func dir(name string, mode int64) entry {
	return entry{name: name, mode: mode, dir: true}
}

func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

func read(name string) []byte {
	data, err := os.ReadFile(name)
	if err != nil {
		fail(err)
	}
	return data
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "pack:", err)
	os.Exit(1)
}
