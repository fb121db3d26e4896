// The test images of the real single-node cluster: two small programs and the packer that writes them, with
// Debian's busybox, as an OCI image archive for `ctr images import`. Standard library only.
module debugsession.io/testcluster/images

go 1.24
